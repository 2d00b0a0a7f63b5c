import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type BridgeRequest,
  type BridgeResponse,
  parseTargetUrl,
  performBridgeRequest,
} from '../../../mock-gateway/src/routes/stub-proxy.js';
import type { HttpExchange, Screenshot } from '../report/report-types.js';
import { callBackend } from '../target/backend-client.js';
import { joinUrl } from '../target/contract.js';
import { CHROMIUM_ARGS, findBrowser } from './find-browser.js';
import type { Driver, DriverScenarioContext, DriverSession } from './types.js';

export interface BrowserDriverOptions {
  executablePath?: string;
  /** a team's own page script (absolute path), served in place of the FAQ sample page */
  pageScript?: { path: string; source: string };
  /** `on` (every step), `off` */
  screenshots?: 'on' | 'off';
  /** Chromium processes to use at most (one per worker; default 1) */
  browsers?: number;
}

export type BrowserDriverResult = { ok: true; value: Driver } | { ok: false; reason: string };

/**
 * Chromium for the run: one browser per worker (each its own process and CDP pipe, so workers overlap), with one
 * context each, reset between scenarios (see ContextPool).
 */
export async function createBrowserDriver(options: BrowserDriverOptions = {}): Promise<BrowserDriverResult> {
  const where = await findBrowser(options.executablePath);
  if (!where.ok) return where;
  const { chromium } = await import('playwright-core');
  const launch = () =>
    chromium.launch({
      ...(where.value.executablePath ? { executablePath: where.value.executablePath } : {}),
      args: CHROMIUM_ARGS,
      headless: true,
    });
  let browser: Browser;
  try {
    // the first one now, so that a Chromium that cannot start is reported before any scenario runs
    browser = await launch();
  } catch (e) {
    return {
      ok: false,
      reason: `Chromium (${where.value.source}) failed to start: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  const pool = new ContextPool(browser, launch, options);
  return {
    ok: true,
    value: {
      name: 'browser',
      async open(ctx) {
        const pooled = await pool.acquire();
        const session = new BrowserDriverSession(ctx, pooled, () => pool.release(pooled), options);
        await session.load();
        return session;
      },
      async close() {
        await pool.drain();
      },
    },
  };
}

type PooledPage = {
  context: BrowserContext;
  page: Page;
  /** the scenario using the page now: its routes (registered once per page) dispatch to it */
  current?: BrowserDriverSession;
  /** the browser it lives in, with its context count */
  host: { browser: Browser; contexts: number };
};

/**
 * Browser contexts for the scenarios. A new context costs a renderer process and font loading (~300 ms on this
 * 2-core machine), more than a whole scenario should: a context is created per worker and handed from one scenario
 * to the next, reset in between (its bindings point at the next scenario; cookies cleared; storage cleared by an
 * init script at the fresh navigation of the stub page each scenario starts with). Scenarios stay isolated by their gateway sessions; the stub page keeps no state of its own.
 */
class ContextPool {
  private readonly idle: PooledPage[] = [];
  private readonly all = new Set<PooledPage>();
  private readonly browsers: Array<{ browser: Browser; contexts: number }>;
  private launching = 0;
  constructor(
    first: Browser,
    private readonly launch: () => Promise<Browser>,
    private readonly options: BrowserDriverOptions,
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
    const pooled: PooledPage = { context, page: await context.newPage(), host };
    // my.request is native in Alipay: the stub's runtime calls this binding instead of the gateway's /stub/request
    // (a binding, not request interception: intercepting would pause every request the page makes)
    await context.exposeBinding('__alimockNativeRequest', (_source, body: BridgeRequest) =>
      pooled.current
        ? pooled.current.nativeRequest(body)
        : { ok: false, error: 12, errorMessage: '网络出错', detail: 'no scenario is running' },
    );
    const script = this.options.pageScript;
    if (script) {
      await pooled.page.route(PAGE_SCRIPT_URL, (route) =>
        route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script.source }),
      );
    }
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
    this.idle.splice(0);
    this.all.clear();
    await Promise.all(this.browsers.map((b) => b.browser.close().catch(() => undefined)));
  }
}

interface PageEvent {
  t: number;
  kind: string;
  name: string;
  args?: unknown;
  result?: unknown;
  error?: unknown;
}

const PAGE_SCRIPT_URL = 'http://alimock.page/page.js';

class BrowserDriverSession implements DriverSession {
  readonly exchanges: HttpExchange[] = [];
  readonly envelopes: string[] = [];
  private shot = 0;
  private readonly page: Page;
  private readonly phoneUrl: string;

  constructor(
    private readonly ctx: DriverScenarioContext,
    pooled: PooledPage,
    private readonly release: () => Promise<void>,
    private readonly options: BrowserDriverOptions,
  ) {
    this.page = pooled.page;
    pooled.current = this;
    this.phoneUrl = joinUrl(ctx.targetUrl, ctx.contract.phonePath);
  }

  async load(): Promise<void> {
    const { ctx } = this;
    const q = new URLSearchParams({
      session: ctx.session,
      appId: ctx.appId,
      userId: ctx.userId,
      phoneUrl: this.phoneUrl,
      loginUrl: joinUrl(ctx.targetUrl, ctx.contract.loginPath),
      ...(this.options.pageScript ? { pageScript: PAGE_SCRIPT_URL } : {}),
    });
    await this.page.goto(`${ctx.gatewayUrl}/stub/?${q}`, { waitUntil: 'commit' });
    await this.page.waitForFunction(
      () =>
        (window as unknown as { __alimockReady?: boolean; __alimockPageError?: string }).__alimockReady === true ||
        (window as unknown as { __alimockPageError?: string }).__alimockPageError !== undefined,
      undefined,
      { timeout: 15_000, polling: 10 },
    );
  }

  /**
   * The native side of my.request (Alipay performs it natively: no CORS). Requests to the target are made here, with
   * the contract's request shape, and kept as evidence; any other URL goes out like the gateway's bridge would.
   */
  async nativeRequest(body: BridgeRequest): Promise<BridgeResponse> {
    const url = typeof body?.url === 'string' ? body.url : '';
    if (!url.startsWith(this.ctx.targetUrl)) {
      const target = parseTargetUrl(url);
      if (!target.ok) return { ok: false, error: 12, errorMessage: '网络出错', detail: target.reason };
      return performBridgeRequest(body, target.url, this.ctx.requestTimeoutMs);
    }
    const data = body.data as { encryptedData?: unknown } | undefined;
    const isPhone = url === this.phoneUrl && typeof data?.encryptedData === 'string';
    const req = isPhone
      ? this.ctx.contract.buildPhoneRequest(data?.encryptedData as string)
      : {
          body: data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data),
          contentType: 'application/json',
        };
    const exchange = await callBackend({
      method: (body.method ?? 'GET').toUpperCase() === 'GET' ? 'GET' : 'POST',
      url,
      ...(req.body !== undefined ? { body: req.body } : {}),
      contentType: req.contentType,
      ...(body.headers
        ? { headers: Object.fromEntries(Object.entries(body.headers).map(([k, v]) => [k, String(v)])) }
        : {}),
      timeoutMs: this.ctx.requestTimeoutMs,
    });
    this.exchanges.push(exchange);
    const res = exchange.response;
    if (!res) {
      return exchange.error?.includes('timeout')
        ? { ok: false, error: 13, errorMessage: '超时' }
        : { ok: false, error: 12, errorMessage: '网络出错', detail: exchange.error ?? 'no answer' };
    }
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      // keep text
    }
    return { ok: true, status: res.status, headers: res.headers ?? {}, data: parsed };
  }

  private events(): Promise<PageEvent[]> {
    return this.page.evaluate(() => (window as unknown as { __alimockEvents: PageEvent[] }).__alimockEvents);
  }

  /** Waits until the page's calls have settled: nothing pending and the chain reached an end. */
  private async settle(from: number, until: 'phone' | 'login' = 'phone'): Promise<PageEvent[]> {
    const handle = await this.page.waitForFunction(
      ([start, what]) => {
        const ev = (window as unknown as { __alimockEvents: PageEvent[] }).__alimockEvents.slice(start);
        const pending = ev.some(
          (e) =>
            (e.kind === 'jsapi' || e.kind === 'request') &&
            !('result' in e) &&
            !('error' in e) &&
            e.name !== 'canIUse' &&
            e.name !== 'alert',
        );
        if (pending) return false;
        const ended = ev.some(
          (e) =>
            (e.kind === 'request' && e.name === '/stub/request' && ('result' in e || 'error' in e)) ||
            (e.kind === 'jsapi' && e.name === (what === 'login' ? 'getAuthCode' : 'getPhoneNumber') && 'error' in e) ||
            (e.kind === 'page' && /onAuthError|onError/.test(e.name)) ||
            e.kind === 'error',
        );
        return ended ? ev : false;
      },
      [from, until] as const,
      { timeout: this.ctx.requestTimeoutMs + 10_000, polling: 10 },
    );
    // the settled events come back with the wait: no second round trip to read them
    return (await handle.jsonValue()) as PageEvent[];
  }

  private eventCount(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __alimockEvents: unknown[] }).__alimockEvents.length);
  }

  async tapAuthorize(choice: 'allow' | 'deny'): Promise<void> {
    const from = await this.eventCount();
    // the harness waits for what a person would see; the taps themselves skip Playwright's stability checks
    await this.page.waitForSelector('#auth-button', { state: 'visible', timeout: 5_000 });
    await this.page.click('#auth-button', { force: true });
    await this.page.waitForSelector('#consent-sheet:not([hidden])', { state: 'visible', timeout: 5_000 });
    await this.midStep('the consent sheet (允许 / 拒绝)');
    await this.page.click(choice === 'allow' ? '#consent-allow' : '#consent-deny', { force: true });
    const settled = await this.settle(from);
    this.recordEnvelopes(settled);
    if (settled.some((e) => e.kind === 'ui' && e.name === 'alert.show')) await this.dismissAlert();
  }

  /** A person reads my.alert and taps 确定: record it, then dismiss it so the page does not wait. */
  private async dismissAlert(): Promise<void> {
    await this.page.waitForSelector('#my-alert-ok', { state: 'visible', timeout: 2_000 }).catch(() => undefined);
    await this.midStep('my.alert shown by the page');
    await this.page.click('#my-alert-ok', { force: true }).catch(() => undefined);
  }

  async login(): Promise<void> {
    const from = await this.eventCount();
    await this.page.evaluate(() => {
      const w = window as unknown as {
        my: { getAuthCode(o: unknown): void; request(o: unknown): void };
        __ALIMOCK__: { loginUrl: string };
      };
      w.my.getAuthCode({
        scopes: 'auth_base',
        success: (res: { authCode: string }) => {
          w.my.request({ url: w.__ALIMOCK__.loginUrl, method: 'POST', data: { authCode: res.authCode } });
        },
      });
    });
    await this.settle(from, 'login');
  }

  async callGetPhoneNumber(): Promise<void> {
    const from = await this.eventCount();
    // the FAQ's snippet, run by the page without a tap
    await this.page.evaluate(() => {
      const w = window as unknown as {
        my: { getPhoneNumber(o: unknown): void; request(o: unknown): void };
        __ALIMOCK__: { phoneUrl: string };
      };
      w.my.getPhoneNumber({
        success: (res: { response: string }) => {
          const encryptedData = res.response;
          w.my.request({ url: w.__ALIMOCK__.phoneUrl, method: 'POST', data: { encryptedData } });
        },
      });
    });
    this.recordEnvelopes(await this.settle(from));
  }

  private recordEnvelopes(settled: PageEvent[]): void {
    for (const e of settled) {
      const r = e.result as { response?: unknown } | undefined;
      if (e.kind === 'jsapi' && e.name === 'getPhoneNumber' && typeof r?.response === 'string')
        this.envelopes.push(r.response);
    }
  }

  /** Screenshots taken inside a step (the consent sheet, an alert), for the timeline. */
  private readonly inStep: Screenshot[] = [];

  private async midStep(label: string): Promise<void> {
    const shot = await this.screenshot(label);
    if (shot) this.inStep.push(shot);
  }

  takeStepScreenshots(): Screenshot[] {
    return this.inStep.splice(0);
  }

  async screenshot(label: string): Promise<Screenshot | undefined> {
    const s = this.ctx.screenshots;
    if (!s || this.options.screenshots === 'off') return undefined;
    mkdirSync(s.dir, { recursive: true });
    const name = `${this.ctx.scenarioId}-${String(++this.shot).padStart(2, '0')}.png`;
    // caret 'initial': no style injected and removed around every shot (two round trips saved)
    await this.page.screenshot({ path: join(s.dir, name), caret: 'initial' });
    return { label, path: `${s.relativeDir}/${name}` };
  }

  async refusalShown(): Promise<boolean> {
    return (await this.events()).some((e) => e.kind === 'page' && /onAuthError|onError/.test(e.name));
  }

  async pageText(): Promise<string | undefined> {
    return (await this.page.textContent('#status'))?.trim() || undefined;
  }

  async pageLog(): Promise<string[]> {
    return (await this.events())
      .filter((e) => e.kind !== 'page' || e.name !== 'setData')
      .map((e) => {
        const outcome = 'error' in e ? ` ✗ ${JSON.stringify(e.error).slice(0, 160)}` : 'result' in e ? ' ✓' : '';
        return `${e.t.toFixed(0)}ms ${e.kind} ${e.name}${outcome}`;
      });
  }

  async close(): Promise<void> {
    await this.release();
  }
}
