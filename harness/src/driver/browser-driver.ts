import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { PHONE_BUTTON } from '../../../mini-program/src/phone-button.js';
import {
  type BridgeRequest,
  type BridgeResponse,
  parseTargetUrl,
  performBridgeRequest,
  prepareRequest,
} from '../../../mock-gateway/src/bridge/bridge-request.js';
import { type HostMap, mapRequestUrl } from '../../../mock-gateway/src/bridge/map-host.js';
import type { PageRequest } from '../../../mock-gateway/src/playground/hooks.js';
import type { HttpExchange, Screenshot } from '../core/types.js';
import { answerText } from '../target/backend-client.js';
import { joinUrl, type LoginResult } from '../target/contract.js';
import { type LoginOutcome, readLoginAnswer } from '../target/login.js';
import {
  type BackendCall,
  buildLoginCall,
  buildPhoneCall,
  type CallResult,
  pageRequestOf,
} from '../target/requests.js';
import { ContextPool, type PooledPage } from './context-pool.js';
import { chromiumLaunchOptions, findHeadlessBrowser } from './find-browser.js';
import {
  callAuthorizeHandlerInPage,
  idleInPage,
  type PageEvent,
  settleInPage,
  startInPage,
  tapTargetInPage,
  viewInPage,
  waitReadyInPage,
} from './in-page.js';
import { describePageError, pageErrorsOf } from './page-errors.js';
import { PageFault } from './page-fault.js';
import type { Driver, DriverScenarioContext, DriverSession } from './types.js';

/** The page the scenarios drive: where the gateway serves it, and how to reach its phone button. */
export interface DriverPage {
  /** the page's path on the gateway, e.g. `/mp/run/` */
  path: string;
  /**
   * `sample`: the FAQ sample page (or a one-page script): the harness builds its requests with the contract and
   * starts the no-tap and login chains itself; `project`: the team's own page, which does all that itself
   */
  kind: 'sample' | 'project';
  /** the route to open first (a project's page) */
  route?: string;
  /** the phone button */
  button: string;
  /** taps before the phone button (CSS selectors) */
  tapPath: string[];
  /** where the page's API hosts go (default: every non-mock origin → the target) */
  hosts: HostMap;
}

export interface BrowserDriverOptions {
  executablePath?: string;
  /** the page to drive (default: the FAQ sample page at /stub/) */
  page?: DriverPage;
  /** `on` (every step), `off` */
  screenshots?: 'on' | 'off';
  /** Chromium processes to use at most (one per worker; default 1) */
  browsers?: number;
  /**
   * a Chromium to run in instead of launching one (a Playwright `Browser`, e.g. your own test's): the run opens its
   * contexts in it, closes them at the end and leaves the browser running; no other is launched
   */
  browser?: Browser;
}

export const SAMPLE_PAGE: DriverPage = {
  path: '/stub/',
  kind: 'sample',
  button: PHONE_BUTTON,
  tapPath: [],
  hosts: {},
};

export type BrowserDriverResult = { ok: true; value: Driver } | { ok: false; reason: string };

/**
 * Chromium for the run: one browser per worker (each its own process and CDP pipe, so workers overlap), with one
 * context each, reset between scenarios (see ContextPool).
 */
export async function createBrowserDriver(options: BrowserDriverOptions = {}): Promise<BrowserDriverResult> {
  const pool = options.browser
    ? givenBrowserPool(options.browser)
    : await launchedBrowserPool(options.executablePath, options.browsers);
  if (!pool.ok) return pool;
  return browserDriver(pool.value, options);
}

type PoolResult = { ok: true; value: ContextPool } | { ok: false; reason: string };

function givenBrowserPool(browser: Browser): PoolResult {
  if (!browser.isConnected()) return { ok: false, reason: 'the Chromium given to run in is closed' };
  const none = () => Promise.reject(new Error('a given browser is the only one'));
  return { ok: true, value: new ContextPool(browser, none, { browsers: 1, given: true }) };
}

async function launchedBrowserPool(executablePath: string | undefined, browsers: number | undefined) {
  const where = await findHeadlessBrowser(executablePath);
  if (!where.ok) return where;
  const { chromium } = await import('playwright-core');
  const launch = () => chromium.launch(chromiumLaunchOptions(where.value));
  let browser: Browser;
  try {
    // the first one now, so that a Chromium that cannot start is reported before any scenario runs
    browser = await launch();
  } catch (e) {
    return {
      ok: false as const,
      reason: `Chromium (${where.value.source}${where.value.executablePath ? `: ${where.value.executablePath}` : ''}) failed to start: ${(e as Error).message.split('\n')[0]}; set browser.executablePath or ALIMOCK_CHROMIUM to another`,
    };
  }
  return { ok: true as const, value: new ContextPool(browser, launch, browsers !== undefined ? { browsers } : {}) };
}

function browserDriver(pool: ContextPool, options: BrowserDriverOptions): BrowserDriverResult {
  const page = options.page ?? SAMPLE_PAGE;
  return {
    ok: true,
    value: {
      name: 'browser',
      async open(ctx) {
        const pooled = await pool.acquire();
        const session = new BrowserDriverSession(ctx, pooled, () => pool.release(pooled), options, page);
        try {
          await session.load();
        } catch (e) {
          await session.close().catch(() => undefined);
          throw e;
        }
        return session;
      },
      async close() {
        await pool.drain();
      },
    },
  };
}

function sameCall(a: BackendCall, b: BackendCall | undefined): boolean {
  return b !== undefined && a.method === b.method && a.url === b.url && a.body === b.body;
}

/** How long a page may stay quiet after my.getPhoneNumber before the harness takes it as "sent nothing". */
const QUIET_MS = 400;

class BrowserDriverSession implements DriverSession {
  readonly exchanges: HttpExchange[] = [];
  readonly envelopes: string[] = [];
  readonly problems: string[] = [];
  loginResult: LoginResult | undefined;
  /** the last requests the contract built for the page, to recognise them when the page sends them */
  private readonly built: { phone?: BackendCall; login?: BackendCall } = {};
  private shot = 0;
  private readonly page: Page;
  private readonly cdp: CDPSession;
  /** screenshot files being written (awaited before the scenario ends) */
  private readonly writes: Promise<void>[] = [];
  /** what the page shows and logged, read once after the last step (dropped by every action) */
  private view: Promise<{ text: string | undefined; events: PageEvent[] }> | undefined;

  constructor(
    private readonly ctx: DriverScenarioContext,
    pooled: PooledPage,
    private readonly release: () => Promise<void>,
    private readonly options: BrowserDriverOptions,
    private readonly target: DriverPage,
  ) {
    this.page = pooled.page;
    this.cdp = pooled.cdp;
    pooled.current = this;
  }

  async load(): Promise<void> {
    const { ctx } = this;
    const q = new URLSearchParams({
      session: ctx.session,
      appId: ctx.appId,
      userId: ctx.userId,
      phoneUrl: joinUrl(ctx.target.url, ctx.contract.phonePath),
      loginUrl: joinUrl(ctx.target.url, ctx.contract.loginPath),
      ...(this.target.route ? { page: this.target.route } : {}),
    });
    await this.page.goto(`${joinUrl(ctx.gatewayUrl, this.target.path)}?${q}`, { waitUntil: 'commit' });
    if (!(await this.page.evaluate(waitReadyInPage, 15_000)))
      throw new Error('the mini-program page did not get ready within 15 s (see the page log)');
    const failed = await this.page.evaluate(() => (window as { __alimockPageError?: string }).__alimockPageError);
    if (failed !== undefined) {
      const errors = pageErrorsOf(await this.page.evaluate(viewInPage).then((v) => v.events));
      throw new PageFault(`the page failed to start: ${errors[0] ? describePageError(errors[0]) : failed}`);
    }
  }

  /** The contract's phone request for the page (the sample page's my.request sends exactly this). */
  phoneRequest(encryptedData: unknown): PageRequest {
    const call = buildPhoneCall(this.ctx.contract, this.ctx.target.url, String(encryptedData), this.loginResult);
    return this.forPage(call, (c) => {
      this.built.phone = c;
    });
  }

  /** The contract's login request for the page's my.getAuthCode code. */
  loginRequest(authCode: unknown): PageRequest {
    const call = buildLoginCall(this.ctx.contract, this.ctx.target.url, String(authCode));
    return this.forPage(call, (c) => {
      this.built.login = c;
    });
  }

  private forPage(call: CallResult, keep: (c: BackendCall) => void): PageRequest {
    if (call.ok) keep(call.value);
    else this.problems.push(call.reason);
    return pageRequestOf(call);
  }

  /**
   * The native side of my.request (Alipay performs it natively: no CORS). The URL's host is mapped first (a page's
   * production API → the target); a request to the target is sent exactly as the page asked (method, headers, body
   * encoded like Alipay's my.request) and kept as evidence; any other URL goes out like the gateway's bridge would.
   */
  async nativeRequest(body: BridgeRequest): Promise<BridgeResponse & { mappedUrl?: string }> {
    const asked = typeof body?.url === 'string' ? body.url : '';
    const mapped = mapRequestUrl(asked, {
      hosts: this.target.hosts,
      targetUrl: this.ctx.target.url,
      mockOrigins: [new URL(this.ctx.gatewayUrl).origin],
    });
    const url = mapped.url;
    const tag = mapped.mapped ? { mappedUrl: url } : {};
    const target = parseTargetUrl(url);
    if (!target.ok) return { ok: false, error: 12, errorMessage: '网络出错', detail: target.reason, ...tag };
    if (!url.startsWith(this.ctx.target.url)) {
      return { ...(await performBridgeRequest({ ...body, url }, target.url, this.ctx.requestTimeoutMs)), ...tag };
    }
    const prepared = prepareRequest({ ...body, url }, target.url);
    if (!prepared.ok) return { ok: false, error: 12, errorMessage: '网络出错', detail: prepared.reason, ...tag };
    const { init } = prepared.value;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const call: BackendCall = {
      method: String(init.method ?? 'GET'),
      url: prepared.value.url.href,
      headers,
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    };
    const role = sameCall(call, this.built.phone) ? 'phone' : sameCall(call, this.built.login) ? 'login' : undefined;
    const exchange = await this.ctx.target.send(call, role ? { role } : {});
    if (mapped.mapped) exchange.request.pageUrl = asked;
    this.exchanges.push(exchange);
    const res = exchange.response;
    if (!res) {
      return exchange.error?.includes('timeout')
        ? { ok: false, error: 13, errorMessage: '超时', ...tag }
        : { ok: false, error: 12, errorMessage: '网络出错', detail: exchange.error ?? 'no answer', ...tag };
    }
    const text = answerText(exchange) ?? res.body;
    let parsed: unknown = text;
    if ((body.dataType ?? 'json').toLowerCase() === 'json') {
      try {
        parsed = text === '' ? text : JSON.parse(text);
      } catch {
        // keep text
      }
    }
    return { ok: true, status: res.status, headers: res.headers ?? {}, data: parsed, ...tag };
  }

  /** Waits until the page's calls have settled, and answers the events since `from` (one round trip, no polling). */
  private async settle(from: number, until: 'phone' | 'login' = 'phone'): Promise<PageEvent[]> {
    const timeoutMs = this.ctx.requestTimeoutMs + 10_000;
    const settled = await this.page.evaluate(settleInPage, [from, until, timeoutMs, QUIET_MS] as const);
    if (!settled) throw new Error(`the page's calls did not settle within ${timeoutMs} ms`);
    this.failOnPageError(settled);
    return settled;
  }

  /** A page error (file:line:column) is the step's failure: the page is broken, not the backend. */
  private failOnPageError(events: PageEvent[]): void {
    const errors = pageErrorsOf(events);
    if (errors[0]) throw new PageFault(`page error: ${describePageError(errors[0])}`);
  }

  /**
   * Finds what a person would tap: waits in the page until the element is visible and on top at its centre (one
   * round trip, no polling from here).
   */
  private async find(selector: string, timeoutMs = 5_000): Promise<{ x: number; y: number; events: number }> {
    this.view = undefined;
    const target = await this.page.evaluate(tapTargetInPage, [selector, timeoutMs] as const);
    if (!target) throw new Error(`${selector} did not become visible and tappable within ${timeoutMs} ms`);
    return target;
  }

  /** A real (trusted) mouse click at the point `find` answered. */
  private async tapAt(target: { x: number; y: number }): Promise<void> {
    await this.page.mouse.click(target.x, target.y);
  }

  /** The taps a person makes before the phone button shows (miniProgram.tapPath), each followed by the page settling. */
  private async revealButton(): Promise<void> {
    for (const selector of this.target.tapPath) {
      const step = await this.find(selector);
      await this.tapAt(step);
      await this.page.evaluate(idleInPage, [step.events, 100, 10_000] as const);
    }
  }

  async tapAuthorize(choice: 'allow' | 'deny'): Promise<void> {
    await this.revealButton();
    // no such element at all once the page is idle: fail now rather than wait for it to become visible
    const exists = () => this.page.evaluate((sel) => document.querySelector(sel) !== null, this.target.button);
    let present = await exists();
    if (!present) {
      await this.page.evaluate(idleInPage, [0, 150, 3_000] as const);
      present = await exists();
    }
    const noButton = () =>
      new PageFault(
        `the page shows no phone button to tap: ${this.target.button} did not become visible (FAQ Q1: the number is only given after a tap on <button open-type="getAuthorize" scope="phoneNumber">; if yours sits elsewhere, give miniProgram.button, or miniProgram.tapPath when it is behind other taps)`,
      );
    if (!present) throw noButton();
    const button = await this.find(this.target.button).catch(() => {
      throw noButton();
    });
    await this.tapAt(button);
    const answer = await this.find(choice === 'allow' ? '#consent-allow' : '#consent-deny');
    await this.midStep('the consent sheet (允许 / 拒绝)');
    await this.tapAt(answer);
    const settled = await this.settle(button.events);
    this.recordEnvelopes(settled);
    if (settled.some((e) => e.kind === 'ui' && e.name === 'alert.show')) await this.dismissAlert();
  }

  /** A person reads my.alert and taps 确定: record it, then dismiss it so the page does not wait. */
  private async dismissAlert(): Promise<void> {
    const target = await this.page.evaluate(tapTargetInPage, ['#my-alert-ok', 2_000] as const).catch(() => undefined);
    await this.midStep('my.alert shown by the page');
    if (target) await this.page.mouse.click(target.x, target.y).catch(() => undefined);
  }

  async login(): Promise<LoginOutcome> {
    this.view = undefined;
    const before = this.exchanges.length;
    if (this.target.kind === 'sample') {
      await this.settle(await this.page.evaluate(startInPage, 'login' as const), 'login');
    } else {
      // a team's page logs in on launch by itself: wait until that chain has run
      const idle = await this.page.evaluate(idleInPage, [0, 150, this.ctx.requestTimeoutMs + 5_000] as const);
      if (idle) this.failOnPageError(idle);
    }
    const exchange = this.findLogin(before);
    if (!exchange) {
      const problem = this.problems.find((p) => p.includes('buildLoginRequest'));
      return {
        ok: false,
        reason:
          problem ??
          (this.target.kind === 'project'
            ? `login: the page sent no login request on launch (none to ${this.ctx.contract.loginPath}; map the login path in the contract)`
            : 'login: the page sent no login request (see the page log)'),
      };
    }
    const outcome = readLoginAnswer(exchange, this.ctx.contract);
    if (outcome.ok) this.loginResult = outcome.value;
    return outcome;
  }

  /** The login exchange: the one the contract built, or (a team's page) the one sent to the login path. */
  private findLogin(from: number): HttpExchange | undefined {
    const built = this.exchanges.slice(this.target.kind === 'sample' ? from : 0).find((x) => x.role === 'login');
    if (built) return built;
    if (this.target.kind === 'sample') return undefined;
    const call = buildLoginCall(this.ctx.contract, this.ctx.target.url, 'x');
    const path = call.ok ? new URL(call.value.url).pathname : this.ctx.contract.loginPath;
    const found = this.exchanges.find((x) => new URL(x.request.url).pathname === path);
    if (found) found.role = 'login';
    return found;
  }

  async callGetPhoneNumber(): Promise<void> {
    this.view = undefined;
    let from: number;
    if (this.target.kind === 'sample') from = await this.page.evaluate(startInPage, 'phone' as const);
    else {
      // the handler belongs to the button, which may only render after the tap path
      await this.revealButton();
      const called = await this.page.evaluate(callAuthorizeHandlerInPage, this.target.button);
      if (!called.called)
        throw new PageFault(
          `the page shows no phone button with an onGetAuthorize handler (${this.target.button}) (FAQ Q1: <button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…">)`,
        );
      from = called.events;
    }
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
    if (this.shot === 0) mkdirSync(s.dir, { recursive: true });
    const name = `${this.ctx.scenarioId}-${String(++this.shot).padStart(2, '0')}.png`;
    // straight from the compositor (one round trip; Playwright's screenshot adds several around it); the file is
    // written while the scenario goes on
    const { data } = await this.cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
    this.writes.push(writeFile(join(s.dir, name), Buffer.from(data, 'base64')));
    return { label, path: `${s.relativeDir}/${name}` };
  }

  /** What the page shows and logged, read once after the steps. */
  private seen(): Promise<{ text: string | undefined; events: PageEvent[] }> {
    this.view ??= this.page.evaluate(viewInPage);
    return this.view;
  }

  async refusalShown(): Promise<boolean> {
    return (await this.seen()).events.some(
      (e) => e.kind === 'page' && (e.args as { type?: unknown } | undefined)?.type === 'error',
    );
  }

  async pageEvents(): Promise<PageEvent[]> {
    return (await this.seen()).events;
  }

  async pageText(): Promise<string | undefined> {
    return (await this.seen()).text?.trim() || undefined;
  }

  async pageLog(): Promise<string[]> {
    return (await this.seen()).events
      .filter((e) => e.kind !== 'page' || e.name !== 'setData')
      .map((e) => {
        if (e.kind === 'error') return `${e.t.toFixed(0)}ms error ${describePageError(e)}`;
        const outcome = 'error' in e ? ` ✗ ${JSON.stringify(e.error).slice(0, 160)}` : 'result' in e ? ' ✓' : '';
        const url = e.kind === 'request' ? (e.args as { url?: unknown } | undefined)?.url : undefined;
        const mapped = typeof e.mappedUrl === 'string' ? ` → ${e.mappedUrl}` : '';
        return `${e.t.toFixed(0)}ms ${e.kind} ${e.name}${typeof url === 'string' ? ` ${url}${mapped}` : ''}${outcome}`;
      });
  }

  async close(): Promise<void> {
    // the report links the screenshots: their files exist before the scenario counts as done
    await Promise.allSettled(this.writes.splice(0));
    await this.release();
  }
}
