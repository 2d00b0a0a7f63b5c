/**
 * The verdict a backend's answer gets. This is the one statement of the rule; the docs quote `VERDICT_RULE`.
 */
import type { HttpExchange, Verdict } from '../core/types.js';
import { answerText } from '../target/backend-client.js';
import type { Contract } from '../target/contract.js';
import { parseAnswer, read } from '../target/requests.js';

/** The rule, in words (docs and reports show this text). */
export const VERDICT_RULE = [
  'no answer (refused, reset, timeout) or an answer cut off midway → crashed',
  'an error code read by contract.readErrorCode, whatever the HTTP status (a 200 {code, msg} body too) → rejected with that code',
  'otherwise a 2xx → accepted, with the mobile read by contract.readMobile ("" when none)',
  "otherwise a 5xx → crashed (a 5xx without the contract's error body)",
  'otherwise (another 4xx/3xx/1xx) → rejected with "(no error code)"',
] as const;

export interface VerdictReading {
  verdict: Verdict;
  /** a reader of the contract that threw (a fault in the config, reported as such) */
  problems: string[];
}

function messageOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const b = body as { error?: { message?: unknown }; message?: unknown; msg?: unknown };
  const m = b.error && typeof b.error === 'object' ? b.error.message : (b.msg ?? b.message);
  return typeof m === 'string' ? m : undefined;
}

/** Reads an answer with the contract's readers; a reader that throws is reported in `problems`. */
export function readVerdict(exchange: HttpExchange | undefined, contract: Contract): VerdictReading {
  if (!exchange) return { verdict: { kind: 'no-call' }, problems: [] };
  const res = exchange.response;
  if (!res || exchange.error)
    return { verdict: { kind: 'crashed', reason: exchange.error ?? 'no answer' }, problems: [] };
  const body = parseAnswer(answerText(exchange) ?? '');
  const problems: string[] = [];
  const codeRead = read<unknown>(contract, 'readErrorCode', body, res.status);
  if (!codeRead.ok) problems.push(codeRead.reason);
  const rawCode = codeRead.ok ? codeRead.value : undefined;
  const code = rawCode === undefined || rawCode === null || rawCode === '' ? undefined : String(rawCode);
  if (code !== undefined) {
    const message = messageOf(body);
    return { verdict: { kind: 'rejected', code, ...(message !== undefined ? { message } : {}) }, problems };
  }
  if (res.status >= 200 && res.status < 300) {
    const mobileRead = read<unknown>(contract, 'readMobile', body, res.status);
    if (!mobileRead.ok) problems.push(mobileRead.reason);
    const mobile =
      mobileRead.ok && mobileRead.value !== undefined && mobileRead.value !== null ? String(mobileRead.value) : '';
    return { verdict: { kind: 'accepted', mobile }, problems };
  }
  if (res.status >= 500) {
    return { verdict: { kind: 'crashed', reason: `HTTP ${res.status} without the contract's error body` }, problems };
  }
  return {
    verdict: {
      kind: 'rejected',
      code: '(no error code)',
      message: `HTTP ${res.status} without the contract's error body`,
    },
    problems,
  };
}

/** The verdict alone (see `VERDICT_RULE`). */
export function verdictOf(exchange: HttpExchange | undefined, contract: Contract): Verdict {
  return readVerdict(exchange, contract).verdict;
}
