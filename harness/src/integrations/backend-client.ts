/**
 * Your backend, called the way the page calls it: the contract's login and phone requests (method, path, headers,
 * body), sent and judged exactly as `alimock run` does. For a team's own tests (Vitest, Jest, node:test):
 *
 *   const backend = createBackendClient({ url: 'http://127.0.0.1:3000', contract });
 *   await backend.login(await alipay.getAuthCode());
 *   const { verdict } = await backend.phone(await alipay.getPhoneNumber());
 *   expect(verdict).toEqual({ kind: 'accepted', mobile: '13800138000' });
 */
import type { HttpExchange, Verdict } from '../core/types.js';
import { readVerdict } from '../run/verdict.js';
import { callBackend } from '../target/backend-client.js';
import { type Contract, defaultContract, type LoginResult } from '../target/contract.js';
import { type LoginOutcome, readLoginAnswer } from '../target/login.js';
import { type BackendCall, buildLoginCall, buildPhoneCall } from '../target/requests.js';

export interface BackendClientOptions {
  /** your backend's base URL */
  url: string;
  /** how its API differs from the default contract */
  contract?: Partial<Contract>;
  /** per request, ms (default 10000) */
  timeoutMs?: number;
}

export interface PhoneAnswer {
  /** what was sent and what came back */
  exchange: HttpExchange;
  /** accepted (with the mobile), rejected (with the code), crashed */
  verdict: Verdict;
}

export interface BackendClient {
  /** the contract's login request with my.getAuthCode's code; a success is kept for the phone requests */
  login(authCode: string): Promise<LoginOutcome & { exchange?: HttpExchange }>;
  /** the contract's phone request with `res.response` (the string getPhoneNumber gives), carrying the login */
  phone(encryptedData: string): Promise<PhoneAnswer>;
  /** the login kept from the last successful `login()` */
  readonly session: LoginResult | undefined;
}

export function createBackendClient(options: BackendClientOptions): BackendClient {
  const contract: Contract = { ...defaultContract, ...options.contract };
  const timeoutMs = options.timeoutMs ?? 10_000;
  let session: LoginResult | undefined;
  const send = (call: BackendCall) =>
    callBackend({
      method: call.method,
      url: call.url,
      headers: call.headers,
      ...(call.body !== undefined ? { body: call.body } : {}),
      timeoutMs,
    });
  return {
    get session() {
      return session;
    },
    async login(authCode) {
      const call = buildLoginCall(contract, options.url, authCode);
      if (!call.ok) return call;
      const exchange = await send(call.value);
      const outcome = readLoginAnswer(exchange, contract);
      if (outcome.ok) session = outcome.value;
      return { ...outcome, exchange };
    },
    async phone(encryptedData) {
      const call = buildPhoneCall(contract, options.url, encryptedData, session);
      if (!call.ok) throw new Error(`alimock: ${call.reason}`);
      const exchange = await send(call.value);
      return { exchange, verdict: readVerdict(exchange, contract).verdict };
    },
  };
}
