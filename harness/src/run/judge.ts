import type { Expectation, Failure, HttpExchange, Verdict } from '../core/types.js';
import type { Contract } from '../target/contract.js';
import { verdictOf } from './verdict.js';

export { verdictOf } from './verdict.js';

export function describeVerdictShort(v: Verdict): string {
  switch (v.kind) {
    case 'accepted':
      return v.mobile === '' ? 'accepted without a mobile' : `accepted with mobile ${v.mobile}`;
    case 'rejected':
      return v.code === '(no error code)' && v.message ? `rejected (${v.message})` : `rejected with ${v.code}`;
    case 'crashed':
      return `crashed (${v.reason})`;
    case 'no-call':
      return 'never called';
  }
}

export interface JudgeInput {
  expected: Expectation;
  verdict: Verdict;
  /** the mobile the gateway issued (from its journal), if any */
  issuedMobile?: string;
  /** the backend's phone exchanges, to look for leaked numbers */
  exchange?: HttpExchange;
  /** what the scenario set up, for messages */
  cause: string;
}

/** Compares a verdict with the expectation; failures are sentences in domain words. */
export function judge(input: JudgeInput): Failure[] {
  const { expected, verdict, issuedMobile } = input;
  const got = describeVerdictShort(verdict);
  const failures: Failure[] = [];
  switch (expected.kind) {
    case 'accepted': {
      const want = expected.mobile === 'issued' ? issuedMobile : expected.mobile;
      if (verdict.kind !== 'accepted') {
        failures.push({
          message: `backend ${got}; a correct backend accepts this payload and returns mobile ${want ?? '(issued)'}`,
          detail: `cause: ${input.cause}`,
        });
      } else if (want === undefined) {
        failures.push({
          message: 'the gateway issued no mobile for this scenario (harness could not read its journal)',
        });
      } else if (verdict.mobile !== want) {
        failures.push({ message: `backend returned mobile "${verdict.mobile}" but the gateway issued "${want}"` });
      }
      break;
    }
    case 'rejected': {
      if (verdict.kind !== 'rejected') {
        const what =
          verdict.kind === 'accepted'
            ? `backend accepted a payload it must reject (${input.cause})`
            : verdict.kind === 'crashed'
              ? `backend crashed instead of rejecting (${verdict.reason})`
              : 'the page never reached the backend';
        const want = expected.anyCode
          ? `a refusal (any error code, e.g. ${expected.codes.join(' or ')})`
          : expected.codes.join(' or ');
        failures.push({ message: `${what}; expected ${want}` });
      } else if (!expected.anyCode && !expected.codes.includes(verdict.code)) {
        failures.push({
          message: `backend rejected with ${verdict.code}; expected ${expected.codes.join(' or ')} (${input.cause})`,
        });
      }
      const body = input.exchange?.response?.body ?? '';
      if (verdict.kind === 'rejected' && issuedMobile && issuedMobile !== '' && body.includes(issuedMobile)) {
        failures.push({ message: `the backend's error answer contains the phone number ${issuedMobile}` });
      }
      break;
    }
    case 'no-call':
      if (verdict.kind !== 'no-call')
        failures.push({ message: `a request reached the backend (${got}); nothing should have been sent` });
      break;
    case 'same-answer':
    case 'informational':
      break;
  }
  return failures;
}

/**
 * Padding-oracle style probes: every answer must be the same (status and code) and a rejection with one of `codes`.
 * A difference means the backend's behaviour depends on something it should not look at before verifying.
 */
export function judgeSameAnswer(exchanges: HttpExchange[], codes: string[] | undefined, contract: Contract): Failure[] {
  if (exchanges.length < 2) return [{ message: `expected at least 2 probes to compare, got ${exchanges.length}` }];
  const answers = exchanges.map((x) => ({ x, v: verdictOf(x, contract) }));
  const key = (a: (typeof answers)[number]) =>
    `${a.x.response?.status ?? 'none'} ${a.v.kind === 'rejected' ? a.v.code : a.v.kind}`;
  const failures: Failure[] = [];
  const first = answers[0] as (typeof answers)[number];
  const differing = answers.filter((a) => key(a) !== key(first));
  if (differing.length > 0) {
    failures.push({
      message: `the answers differ: ${answers.map((a) => `${a.x.label ?? 'probe'} → ${key(a)}`).join('; ')}: the backend decrypts before it verifies (a padding oracle)`,
    });
  }
  for (const a of answers) {
    if (a.v.kind !== 'rejected')
      failures.push({
        message: `${a.x.label ?? 'probe'}: backend ${describeVerdictShort(a.v)}; it must reject a payload whose signature is invalid`,
      });
    else if (codes && !codes.includes(a.v.code))
      failures.push({ message: `${a.x.label ?? 'probe'}: rejected with ${a.v.code}; expected ${codes.join(' or ')}` });
  }
  return failures;
}
