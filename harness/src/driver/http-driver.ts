import type { HttpExchange } from '../report/report-types.js';
import { callBackend } from '../target/backend-client.js';
import { joinUrl } from '../target/contract.js';
import type { Driver, DriverScenarioContext, DriverSession } from './types.js';

/** The same JSAPI calls the page makes, without a browser: fast, for CI and load. */
export function createHttpDriver(): Driver {
  return {
    name: 'http',
    async open(ctx) {
      return new HttpDriverSession(ctx);
    },
    async close() {},
  };
}

class HttpDriverSession implements DriverSession {
  readonly exchanges: HttpExchange[] = [];
  readonly envelopes: string[] = [];
  private refused = false;
  private readonly log: string[] = [];

  constructor(private readonly ctx: DriverScenarioContext) {}

  private async jsapi(
    api: string,
    body: Record<string, unknown>,
  ): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; reason: string }> {
    const { ctx } = this;
    try {
      const res = await fetch(`${ctx.gatewayUrl}/jsapi/${api}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session: ctx.session, appId: ctx.appId, userId: ctx.userId, ...body }),
        signal: AbortSignal.timeout(ctx.requestTimeoutMs),
      });
      const text = await res.text();
      if (!res.ok) return { ok: false, reason: `HTTP ${res.status} ${text.slice(0, 200)}` };
      return { ok: true, body: JSON.parse(text) as Record<string, unknown> };
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }

  async tapAuthorize(choice: 'allow' | 'deny'): Promise<void> {
    this.log.push(`tap 授权手机号 → ${choice === 'allow' ? '允许' : '拒绝'}`);
    const auth = await this.jsapi('authorize', { scope: 'phoneNumber', decision: choice });
    if (!auth.ok || choice === 'deny') {
      // onError fires: 用户拒绝授权 (or 系统异常); the page does not call my.getPhoneNumber
      this.refused = true;
      this.log.push(auth.ok ? 'onError: 用户拒绝授权' : `onError: 系统异常 (${auth.reason})`);
      return;
    }
    await this.callGetPhoneNumber();
  }

  async login(): Promise<void> {
    const got = await this.jsapi('getAuthCode', { scopes: 'auth_base' });
    if (!got.ok) {
      this.log.push(`my.getAuthCode fail: ${got.reason}`);
      return;
    }
    this.log.push('my.getAuthCode success → my.request to the login endpoint');
    this.exchanges.push(
      await callBackend({
        method: 'POST',
        url: joinUrl(this.ctx.targetUrl, this.ctx.contract.loginPath),
        body: JSON.stringify({ authCode: got.body.authCode }),
        contentType: 'application/json',
        timeoutMs: this.ctx.requestTimeoutMs,
      }),
    );
  }

  async callGetPhoneNumber(): Promise<void> {
    const got = await this.jsapi('getPhoneNumber', {});
    if (!got.ok) {
      this.log.push(`my.getPhoneNumber fail: ${got.reason}`);
      return;
    }
    const response = String(got.body.response);
    this.envelopes.push(response);
    this.log.push('my.getPhoneNumber success → my.request to the backend');
    const req = this.ctx.contract.buildPhoneRequest(response);
    this.exchanges.push(
      await callBackend({
        method: 'POST',
        url: joinUrl(this.ctx.targetUrl, this.ctx.contract.phonePath),
        body: req.body,
        contentType: req.contentType,
        ...(req.headers ? { headers: req.headers } : {}),
        timeoutMs: this.ctx.requestTimeoutMs,
      }),
    );
  }

  async screenshot() {
    return undefined;
  }

  takeStepScreenshots() {
    return [];
  }

  async refusalShown() {
    return this.refused;
  }

  async pageText() {
    return undefined;
  }

  async pageLog() {
    return this.log;
  }

  async close() {}
}
