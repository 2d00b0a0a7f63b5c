import type { Page } from 'playwright-core';
import { PHONE_BUTTON } from '../../../mini-program/src/phone-button.js';
import { startInPage } from '../driver/in-page.js';
import { type Contract, defaultContract, joinUrl, type LoginResult } from '../target/contract.js';
import { type LoginOutcome, readLoginAnswer } from '../target/login.js';
import { type BackendCall, buildLoginCall, buildPhoneCall, type CallResult } from '../target/requests.js';

/** One entry of the stub's event log (`window.__alimockEvents`): a JSAPI call, a request, a page handler, an error. */
export interface MiniProgramEvent {
  /** ms since the page loaded */
  t: number;
  kind: 'jsapi' | 'request' | 'page' | 'error' | string;
  name: string;
  args?: unknown;
  result?: unknown;
  error?: unknown;
  ms?: number;
}

/** What the stub page is opened with (its query string). */
export interface MiniProgramOptions {
  /** the member using the mini-program (default: the demo member) */
  userId?: string;
  /** default: the demo app */
  appId?: string;
  /** the backend's phone endpoint the FAQ sample page posts `{ encryptedData }` to */
  phoneUrl?: string;
  /** the backend's login endpoint (page scripts that do `my.getAuthCode` first) */
  loginUrl?: string;
  /**
   * a page script written against `Page({…})` and `my`, used as the FAQ sample's page logic: a file path or an
   * http(s) URL (the Playwright fixture compiles and mounts it)
   */
  pageScript?: string;
  /** a team's mini-program project (its root, with app.json), instead of the FAQ sample (the fixture mounts it) */
  project?: string;
  /** with `project`: its first page, e.g. pages/bind/bind */
  page?: string;
  /** where the page is served on the gateway (default `/stub/`, the FAQ sample); set by the fixture */
  pagePath?: string;
  /** false: `my.canIUse('button.open-type.getAuthorize')` answers false (an old client without the button) */
  canIUse?: boolean;
  /** the title in the navigation bar and on the consent sheet */
  appName?: string;
  /**
   * your backend's base URL: with it the page sends the contract's requests (method, path, headers, body) there,
   * exactly as `alimock run` does (phoneUrl/loginUrl are then not needed)
   */
  targetUrl?: string;
  /** how your backend's API differs from the default contract (the same fields as the config's `contract`) */
  contract?: Partial<Contract>;
}

type Win = Window & { __alimockEvents?: MiniProgramEvent[]; __alimockReady?: boolean; __alimockPageError?: string };

/**
 * The mini-program stub (`/stub/`) in a Playwright page: tap the phone-number button, answer the consent sheet,
 * read what the page logged and shows. `my.request` goes through the gateway's bridge (native-like, no CORS).
 */
export class MiniProgram {
  /** the login the page holds, after `login()` */
  loginResult: LoginResult | undefined;
  private hooked = false;

  constructor(
    readonly page: Page,
    private readonly gatewayUrl: string,
    private readonly session: string,
    private options: MiniProgramOptions = {},
  ) {}

  private get contract(): Contract {
    return { ...defaultContract, ...this.options.contract };
  }

  /** The page asks the host for the contract's requests (as under `alimock run`): answered here. */
  private async hook(): Promise<void> {
    if (this.hooked || this.options.targetUrl === undefined) return;
    this.hooked = true;
    const forPage = (call: CallResult) => {
      if (!call.ok) return { error: call.reason };
      const { url, method, headers, body } = call.value;
      return { url, method, headers, data: typeof body === 'string' ? body : '' };
    };
    await this.page.exposeBinding('__alimockPhoneRequest', (_s, encryptedData: unknown) =>
      forPage(buildPhoneCall(this.contract, this.target(), String(encryptedData), this.loginResult)),
    );
    await this.page.exposeBinding('__alimockLoginRequest', (_s, authCode: unknown) => {
      const call = buildLoginCall(this.contract, this.target(), String(authCode));
      if (call.ok) this.lastLogin = call.value;
      return forPage(call);
    });
  }

  private lastLogin: BackendCall | undefined;

  private target(): string {
    return this.options.targetUrl ?? '';
  }

  /**
   * The page logs in as a real one does on launch: my.getAuthCode, then the contract's login request. The answer
   * (read with the contract's readLogin) is kept: the phone request that follows carries it. Needs `targetUrl`.
   */
  async login(options: { timeout?: number } = {}): Promise<LoginOutcome> {
    if (this.options.targetUrl === undefined) return { ok: false, reason: 'login() needs the targetUrl option' };
    this.lastLogin = undefined;
    await this.page.evaluate(startInPage, 'login' as const);
    await this.waitForIdle(options);
    const sent = this.lastLogin as BackendCall | undefined;
    if (!sent) return { ok: false, reason: 'the page sent no login request (see events())' };
    const events = await this.events();
    const request = [...events]
      .reverse()
      .find((e) => e.kind === 'request' && (e.args as { url?: string } | undefined)?.url === sent.url);
    const answer = (request?.result as { body?: { ok?: boolean; status?: number; data?: unknown } } | undefined)?.body;
    const outcome = readLoginAnswer(
      answer?.ok
        ? {
            request: { method: sent.method, url: sent.url },
            response: {
              status: answer.status ?? 0,
              body: typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data ?? null),
            },
            durationMs: 0,
          }
        : { request: { method: sent.method, url: sent.url }, error: 'no answer', durationMs: 0 },
      this.contract,
    );
    if (outcome.ok) this.loginResult = outcome.value;
    return outcome;
  }

  /** The stub's URL for these options. */
  url(options: MiniProgramOptions = this.options): string {
    const q = new URLSearchParams({ session: this.session });
    if (options.targetUrl !== undefined) {
      const contract = { ...defaultContract, ...options.contract };
      q.set('phoneUrl', joinUrl(options.targetUrl, contract.phonePath));
      q.set('loginUrl', joinUrl(options.targetUrl, contract.loginPath));
    }
    for (const key of ['appId', 'userId', 'phoneUrl', 'loginUrl', 'appName', 'page'] as const) {
      const v = options[key];
      if (v !== undefined && v !== '') q.set(key, v);
    }
    if (options.canIUse === false) q.set('canIUse', '0');
    return `${joinUrl(this.gatewayUrl, options.pagePath ?? '/stub/')}?${q}`;
  }

  /** (Re)opens the page, e.g. as another member: `open({ userId })`; waits until the page script ran. */
  async open(overrides: MiniProgramOptions = {}): Promise<void> {
    this.options = { ...this.options, ...overrides };
    await this.hook();
    await this.page.goto(this.url());
    await this.page.waitForFunction(
      () => (window as Win).__alimockReady === true || (window as Win).__alimockPageError !== undefined,
      undefined,
      { timeout: 15_000 },
    );
    const failed = await this.page.evaluate(() => (window as Win).__alimockPageError);
    if (failed !== undefined) throw new Error(`alimock: the mini-program page failed to start: ${failed}`);
  }

  /** Taps 授权手机号, waits for Alipay's consent sheet, taps 允许 or 拒绝, then waits until the page is idle. */
  async tapAuthorize(choice: 'allow' | 'deny', options: { timeout?: number } = {}): Promise<void> {
    await this.page.click(PHONE_BUTTON);
    await this.page.waitForSelector('#consent-sheet:not([hidden])', { state: 'visible', timeout: 5_000 });
    await this.page.click(choice === 'allow' ? '#consent-allow' : '#consent-deny');
    await this.waitForIdle(options);
  }

  /** The page's event log so far. */
  events(): Promise<MiniProgramEvent[]> {
    return this.page.evaluate(() => (window as Win).__alimockEvents ?? []);
  }

  /** The status line the page shows (e.g. 手机号绑定成功, 你已拒绝授权：…, 绑定失败：AUTH_REQUIRED). */
  async status(): Promise<string> {
    return ((await this.page.textContent('#status')) ?? '').trim();
  }

  /** The mobile the page shows after a successful binding, if any. */
  async mobile(): Promise<string | undefined> {
    const el = await this.page.$('#mobile');
    return el ? ((await el.textContent()) ?? '').trim() || undefined : undefined;
  }

  /** Is `my.alert` showing? Its text, or undefined. */
  async alert(): Promise<string | undefined> {
    const el = await this.page.$('#my-alert:not([hidden])');
    return el && (await el.isVisible()) ? ((await el.textContent()) ?? '').trim() : undefined;
  }

  /**
   * Waits until no `my.*` call or request is pending and the event log has not grown for `quietMs` (default 150):
   * the chain a tap started (authorize → getPhoneNumber → request to the backend) has run to its end.
   */
  async waitForIdle(options: { timeout?: number; quietMs?: number } = {}): Promise<void> {
    const quietMs = options.quietMs ?? 150;
    await this.page.waitForFunction(
      (quiet) => {
        const w = window as Win & { __alimockIdle?: { n: number; since: number }; __alimockPending?: () => number };
        const ev = w.__alimockEvents ?? [];
        const pending = (w.__alimockPending?.() ?? 0) > 0;
        const now = performance.now();
        if (pending || w.__alimockIdle?.n !== ev.length) {
          w.__alimockIdle = { n: ev.length, since: now };
          return false;
        }
        return now - w.__alimockIdle.since >= quiet;
      },
      quietMs,
      { timeout: options.timeout ?? 30_000, polling: 25 },
    );
  }
}
