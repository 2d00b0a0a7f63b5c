import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { BridgeRequest, BridgeResponse } from '../../../mock-gateway/src/bridge/bridge-request.js';

/** The scenario side a pooled page talks to: my.request's native side. */
export interface NativeSide {
  nativeRequest(body: BridgeRequest): Promise<BridgeResponse>;
  /** the contract's phone request for `res.response` (the sample page sends exactly this) */
  phoneRequest(encryptedData: unknown): unknown;
  /** the contract's login request for my.getAuthCode's code */
  loginRequest(authCode: unknown): unknown;
}

export interface ContextPoolOptions {
  /** Chromium processes to use at most (one per worker; default 1) */
  browsers?: number;
  /** the first browser was given, not launched: draining closes its contexts and leaves it running */
  given?: boolean;
}

export type PooledPage = {
  context: BrowserContext;
  page: Page;
  /** a CDP session on the page (screenshots straight from the compositor) */
  cdp: CDPSession;
  /** the scenario using the page now: its routes (registered once per page) dispatch to it */
  current?: NativeSide;
  /** the browser it lives in, with its context count */
  host: { browser: Browser; contexts: number };
};

/**
 * Browser contexts for the scenarios. A new context costs a renderer process and font loading (~300 ms on this
 * 2-core machine), more than a whole scenario should: a context is created per worker and handed from one scenario
 * to the next, reset in between (its bindings point at the next scenario; cookies cleared; storage cleared by an
 * init script at the fresh navigation of the stub page each scenario starts with). Scenarios stay isolated by their gateway sessions; the stub page keeps no state of its own.
 */
export class ContextPool {
  private readonly idle: PooledPage[] = [];
  private readonly all = new Set<PooledPage>();
  private readonly browsers: Array<{ browser: Browser; contexts: number }>;
  private launching = 0;
  constructor(
    first: Browser,
    private readonly launch: () => Promise<Browser>,
    private readonly options: ContextPoolOptions,
  ) {
    this.browsers = [{ browser: first, contexts: 0 }];
  }

  /** A browser for a new context: a fresh one while fewer than `browsers` run, else the least loaded. */
  private async browserForNewContext(): Promise<{ browser: Browser; contexts: number }> {
    const max = this.options.browsers ?? 1;
    const free = this.browsers.find((b) => b.contexts === 0);
    if (free) return free;
    if (this.browsers.length + this.launching < max) {
      this.launching++;
      try {
        const entry = { browser: await this.launch(), contexts: 0 };
        this.browsers.push(entry);
        return entry;
      } catch {
        // a second Chromium that will not start: share the ones that run
      } finally {
        this.launching--;
      }
    }
    return this.browsers.reduce((a, b) => (b.contexts < a.contexts ? b : a));
  }

  async acquire(): Promise<PooledPage> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const host = await this.browserForNewContext();
    host.contexts++;
    const context = await host.browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
    // every scenario starts with empty storage: each navigation (one per scenario) clears what the last one left
    await context.addInitScript(() => {
      try {
        localStorage.clear();
        sessionStorage.clear();
      } catch {
        // about:blank or an opaque origin: nothing stored
      }
    });
    const page = await context.newPage();
    const pooled: PooledPage = { context, page, cdp: await context.newCDPSession(page), host };
    // my.request is native in Alipay: the stub's runtime calls this binding instead of the gateway's /stub/request
    // (a binding, not request interception: intercepting would pause every request the page makes)
    await context.exposeBinding('__alimockNativeRequest', (_source, body: BridgeRequest) =>
      pooled.current
        ? pooled.current.nativeRequest(body)
        : { ok: false, error: 12, errorMessage: '网络出错', detail: 'no scenario is running' },
    );
    const idle = { error: 'no scenario is running' };
    await context.exposeBinding('__alimockPhoneRequest', (_source, encryptedData: unknown) =>
      pooled.current ? pooled.current.phoneRequest(encryptedData) : idle,
    );
    await context.exposeBinding('__alimockLoginRequest', (_source, authCode: unknown) =>
      pooled.current ? pooled.current.loginRequest(authCode) : idle,
    );
    this.all.add(pooled);
    return pooled;
  }

  async release(pooled: PooledPage): Promise<void> {
    try {
      pooled.current = undefined;
      // storage is cleared by the init script at the next scenario's navigation
      await pooled.context.clearCookies();
      this.idle.push(pooled);
    } catch {
      // a page that cannot be reset is not reused
      this.all.delete(pooled);
      pooled.host.contexts--;
      await pooled.context.close().catch(() => undefined);
    }
  }

  async drain(): Promise<void> {
    const contexts = [...this.all].map((p) => p.context);
    this.idle.splice(0);
    this.all.clear();
    // a given browser outlives the run: only its contexts close; a launched one closes with its contexts
    if (this.options.given) await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    const launched = this.options.given ? this.browsers.slice(1) : this.browsers;
    await Promise.all(launched.map((b) => b.browser.close().catch(() => undefined)));
  }
}
