/**
 * Checks a backend's answer against a vector with the harness's own verdict rules (`verdictOf`): accepted = 2xx with
 * exactly the mobile; rejected = non-2xx with one of the codes in the contract's error body.
 */
import type { HttpExchange } from '../core/types.js';
import { verdictOf } from '../run/judge.js';
import { type Contract, defaultContract } from '../target/contract.js';
import type { TestVector } from './vector-types.js';

export interface BackendAnswer {
  status: number;
  body: string;
}

/** undefined when the answer is right; otherwise one sentence saying what is wrong. */
export function vectorMismatch(
  vector: TestVector,
  answer: BackendAnswer,
  contract: Contract = defaultContract,
): string | undefined {
  const exchange: HttpExchange = {
    request: { method: 'POST', url: contract.phonePath },
    response: { status: answer.status, body: answer.body },
    durationMs: 0,
  };
  const verdict = verdictOf(exchange, contract);
  const expected = vector.expect;
  if (expected.verdict === 'accepted') {
    if (verdict.kind !== 'accepted')
      return `${vector.id}: expected mobile ${expected.mobile}, got HTTP ${answer.status} ${answer.body}`;
    if (verdict.mobile !== expected.mobile)
      return `${vector.id}: expected mobile ${expected.mobile}, got ${verdict.mobile}`;
    return undefined;
  }
  if (verdict.kind !== 'rejected')
    return `${vector.id}: expected ${expected.codes.join(' or ')}, got HTTP ${answer.status} ${answer.body}`;
  if (!(expected.codes as string[]).includes(verdict.code)) {
    return `${vector.id}: expected ${expected.codes.join(' or ')}, got ${verdict.code}`;
  }
  return undefined;
}
