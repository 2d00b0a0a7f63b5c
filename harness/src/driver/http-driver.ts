import type { HttpExchange } from '../core/types.js';
import type { LoginResult } from '../target/contract.js';
import { type LoginOutcome, readLoginAnswer } from '../target/login.js';
import { buildLoginCall, buildPhoneCall } from '../target/requests.js';
import type { Driver, DriverScenarioContext, DriverSession } from './types.js';

/** A bound on a call to the run's mock gateway (in this process: only a busy machine makes it slow). */
const GATEWAY_TIMEOUT_MS = 15_000;

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
  readonly problems: string[] = [];
  loginResult: LoginResult | undefined;
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
        // the run's own gateway, not the backend: its calls are not held to the backend's requestTimeoutMs
        signal: AbortSignal.timeout(Math.max(ctx.requestTimeoutMs, GATEWAY_TIMEOUT_MS)),
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

  async login(): Promise<LoginOutcome> {
    const got = await this.jsapi('getAuthCode', { scopes: 'auth_base' });
    if (!got.ok) {
      this.log.push(`my.getAuthCode fail: ${got.reason}`);
      return { ok: false, reason: `my.getAuthCode failed: ${got.reason}` };
    }
    const call = buildLoginCall(this.ctx.contract, this.ctx.target.url, String(got.body.authCode));
    if (!call.ok) {
      this.problems.push(call.reason);
      return call;
    }
    this.log.push('my.getAuthCode success → my.request to the login endpoint');
    const exchange = await this.ctx.target.send(call.value, { role: 'login' });
    this.exchanges.push(exchange);
    const outcome = readLoginAnswer(exchange, this.ctx.contract);
    if (outcome.ok) this.loginResult = outcome.value;
    return outcome;
  }

  async callGetPhoneNumber(): Promise<void> {
    const got = await this.jsapi('getPhoneNumber', {});
    if (!got.ok) {
      this.log.push(`my.getPhoneNumber fail: ${got.reason}`);
      return;
    }
    const response = String(got.body.response);
    this.envelopes.push(response);
    const call = buildPhoneCall(this.ctx.contract, this.ctx.target.url, response, this.loginResult);
    if (!call.ok) {
      this.problems.push(call.reason);
      this.log.push(`my.getPhoneNumber success, but the phone request could not be built: ${call.reason}`);
      return;
    }
    this.log.push('my.getPhoneNumber success → my.request to the backend');
    this.exchanges.push(await this.ctx.target.send(call.value, { role: 'phone' }));
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
