/**
 * Phase 4, judge: the backend's answers against the scenario's expectation, then the scenario's extra checks.
 */
import type { Failure, HttpExchange } from '../../core/types.js';
import { joinUrl } from '../../target/contract.js';
import { readLoginAnswer } from '../../target/login.js';
import { judge, judgeSameAnswer } from '../judge.js';
import { readVerdict } from '../verdict.js';
import type { ScenarioState } from './state.js';

/** The mobile in a 10000 plaintext, if any. */
export function mobileOf(plaintext: string | undefined): string | undefined {
  if (!plaintext) return undefined;
  try {
    const p = JSON.parse(plaintext) as { code?: unknown; mobile?: unknown };
    return p.code === '10000' && typeof p.mobile === 'string' ? p.mobile : undefined;
  } catch {
    return undefined;
  }
}

/** The answers that count: the page's phone requests and the probes. */
export function judgedExchanges(state: ScenarioState): HttpExchange[] {
  return state.evidence.backend.filter((x) => x.role === 'phone' || x.role === 'probe');
}

export function judgeAnswers(state: ScenarioState): void {
  const { def, expected, evidence, failures } = state;
  const { contract } = state.env.config;
  const answers = judgedExchanges(state);
  const problems = new Set<string>();
  const verdictFor = (x: HttpExchange | undefined) => {
    const read = readVerdict(x, contract);
    for (const p of read.problems) problems.add(p);
    return read.verdict;
  };
  const last = answers[answers.length - 1];
  const issuedMobile = mobileOf(evidence.plaintext);
  if (expected.kind === 'same-answer') {
    failures.push(...judgeSameAnswer(answers, expected.codes, contract));
  } else if (def.judgeEach) {
    for (const x of answers) {
      const verdict = verdictFor(x);
      const wrong = judge({ expected, verdict, exchange: x, cause: def.cause });
      // the report's verdict is the first probe judged wrong: "expected …, got …" then describes that probe
      if (wrong.length > 0) state.verdict ??= verdict;
      for (const f of wrong) failures.push({ ...f, message: `${x.label ?? x.request.url}: ${f.message}` });
    }
    if (answers.length === 0) failures.push({ message: 'no request reached the backend' });
  } else {
    const verdict = verdictFor(last);
    state.verdict = verdict;
    failures.push(
      ...judge({
        expected,
        verdict,
        ...(issuedMobile !== undefined ? { issuedMobile } : {}),
        ...(last ? { exchange: last } : {}),
        cause: def.cause,
      }),
    );
  }
  for (const p of problems) failures.push({ message: `config: ${p}` });
}

/**
 * The verdict the report shows for the scenario: the one the judge phase judged (see judgeAnswers); when it did not
 * run (a step failed first) or judged every probe right, the last answer's.
 */
export function scenarioVerdict(state: ScenarioState) {
  if (state.verdict) return state.verdict;
  const answers = judgedExchanges(state);
  return readVerdict(answers[answers.length - 1], state.env.config.contract).verdict;
}

async function check(
  state: ScenarioState,
  name: NonNullable<ScenarioState['def']['checks']>[number],
): Promise<Failure[]> {
  const { page, evidence, journal, env } = state;
  const issuedMobile = mobileOf(evidence.plaintext);
  switch (name) {
    case 'envelope-hides-mobile': {
      if (!issuedMobile) return [];
      const out: Failure[] = [];
      const envelopes = page?.envelopes ?? [];
      if (envelopes.some((e) => e.includes(issuedMobile)))
        out.push({
          message: `the page received the plain number ${issuedMobile}: the envelope must only carry ciphertext`,
        });
      if (envelopes.length === 0) out.push({ message: 'the page never received an envelope from my.getPhoneNumber' });
      return out;
    }
    case 'page-shows-refusal':
      return page && !(await page.refusalShown())
        ? [{ message: 'the page did not handle the refusal: onError (onAuthError) never fired' }]
        : [];
    case 'no-phone-call':
      return journal.some((j) => j.api === 'getPhoneNumber')
        ? [{ message: 'my.getPhoneNumber was called after the member refused' }]
        : [];
    case 'status-4xx':
      // malformed input must be refused cleanly: a 4xx, or the contract's error code (a team's API may answer its
      // errors with HTTP 200) — never a 5xx, never an acceptance
      return judgedExchanges(state).flatMap((x) => {
        const status = x.response?.status;
        if (status === undefined) return [];
        const v = readVerdict(x, env.config.contract).verdict;
        const refused = v.kind === 'rejected' && status < 500;
        return refused
          ? []
          : [
              {
                message: `${x.label ?? 'request'}: answered HTTP ${status}${v.kind === 'accepted' ? ' as a success' : ''}; malformed input must be refused (a 4xx, or the contract's error code), never a 5xx or an acceptance`,
              },
            ];
      });
    case 'login-identifies-member': {
      const login = evidence.backend.find((x) => x.role === 'login');
      const outcome = readLoginAnswer(login, env.config.contract);
      if (!outcome.ok) return [{ message: outcome.reason }];
      return outcome.value.userId === state.userId
        ? []
        : [
            {
              message: `login identified member ${outcome.value.userId}; the auth code was issued for ${state.userId}`,
            },
          ];
    }
    case 'phone-after-tap': {
      const events = (await page?.pageEvents?.()) ?? [];
      const tap = events.findIndex((e) => e.kind === 'ui' && e.name === 'auth-button.tap');
      const early = events.findIndex((e) => e.kind === 'jsapi' && e.name === 'getPhoneNumber');
      return early >= 0 && (tap < 0 || early < tap)
        ? [
            {
              message: `the page calls my.getPhoneNumber before the member taps the phone button (FAQ Q1, 无效的授权关系): call it only in the onGetAuthorize handler of <button open-type="getAuthorize" scope="phoneNumber">, never from onLoad or onShow`,
            },
          ]
        : [];
    }
    case 'backend-healthy': {
      const health = await env.target.send(
        { method: 'GET', url: joinUrl(env.target.url, env.config.contract.healthPath), headers: {} },
        { label: 'health check afterwards', role: 'health' },
      );
      evidence.backend.push(health);
      return health.response?.status === 200
        ? []
        : [
            {
              message: `the backend is not healthy afterwards (${health.error ?? `GET ${env.config.contract.healthPath} → HTTP ${health.response?.status}`})`,
            },
          ];
    }
  }
}

/** Checks about the page itself: they hold (or not) whatever the backend did, even when a step failed. */
export const PAGE_CHECKS = new Set<string>(['phone-after-tap']);

export async function runChecks(state: ScenarioState, only?: ReadonlySet<string>): Promise<void> {
  for (const name of state.def.checks ?? []) {
    if (only && !only.has(name)) continue;
    state.failures.push(...(await check(state, name)));
  }
}
