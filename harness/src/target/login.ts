/**
 * Reading a login answer: the member and token the page keeps, or a reason that says what to fix (a missing
 * route, an answer the contract's readLogin cannot read). Used by every driver.
 */
import type { HttpExchange } from '../core/types.js';
import { answerText } from './backend-client.js';
import type { Contract, LoginResult } from './contract.js';
import { parseAnswer, read } from './requests.js';

export type LoginOutcome = { ok: true; value: LoginResult } | { ok: false; reason: string };

/** At most this much of an answer is quoted in a reason. */
const QUOTE = 160;

function quote(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > QUOTE ? `${one.slice(0, QUOTE)}…` : one;
}

/** The login exchange's meaning, in the contract's terms. */
export function readLoginAnswer(exchange: HttpExchange | undefined, contract: Contract): LoginOutcome {
  if (!exchange) return { ok: false, reason: 'login: the page sent no login request' };
  const where = `${exchange.request.method} ${exchange.request.url}`;
  const res = exchange.response;
  if (!res || exchange.error) return { ok: false, reason: `login: ${exchange.error ?? 'no answer'} (${where})` };
  if (res.status === 404 || res.status === 405) {
    return {
      ok: false,
      reason: `no login route (HTTP ${res.status} at ${where}): map it with contract.buildLoginRequest, or leave out the 'login' group`,
    };
  }
  const body = parseAnswer(answerText(exchange) ?? '');
  const got = read<LoginResult>(contract, 'readLogin', body, res.status);
  if (!got.ok) return { ok: false, reason: got.reason };
  const login = got.value;
  if (login === undefined) {
    const shown = res.body === '' ? '(empty body)' : quote(res.body);
    return {
      ok: false,
      reason:
        res.status >= 200 && res.status < 300
          ? `login: HTTP ${res.status} at ${where} but no member in the answer (${shown}): answer { userId } or map it with contract.readLogin`
          : `login failed: HTTP ${res.status} at ${where}: ${shown}`,
    };
  }
  if (typeof login !== 'object' || typeof login.userId !== 'string' || login.userId === '')
    return { ok: false, reason: 'contract.readLogin must return { userId: string, token?: string } or undefined' };
  if (login.token !== undefined && typeof login.token !== 'string')
    return { ok: false, reason: 'contract.readLogin returned a token that is not a string' };
  return { ok: true, value: { userId: login.userId, ...(login.token !== undefined ? { token: login.token } : {}) } };
}
