/** Rules read from synthetic results: which cause a failed step is put down to. */
import { describe, expect, it } from 'vitest';
import type { ScenarioResult, StepRecord } from '../core/types.js';
import { defaultContract } from '../target/contract.js';
import { gatherFacts } from './facts.js';
import { findCauses } from './rules.js';

function failedWith(id: string, step: StepRecord): ScenarioResult {
  return {
    id,
    title: id,
    group: 'faq',
    faq: 'Q1',
    cause: 'c',
    remedy: 'r',
    expected: { kind: 'accepted', mobile: 'issued' },
    status: 'failed',
    durationMs: 1,
    driver: 'browser',
    steps: [step],
    evidence: { backend: [] },
    failures: [{ message: step.detail ?? '' }],
  };
}

const causesOf = (results: ScenarioResult[]) =>
  findCauses({
    facts: gatherFacts(results, defaultContract),
    probes: {},
    keysDir: 'keys',
    payloadDir: 'payloads',
    doctorConfirms: () => undefined,
  }).map((c) => c.cause);

const step = (detail: string): StepRecord => ({
  label: 'log in (my.getAuthCode → the backend)',
  status: 'failed',
  startedAtMs: 0,
  durationMs: 1,
  detail,
});

describe('login-failed and page-error', () => {
  it('a login the page never sent because the page threw is the page’s error, not a login failure', () => {
    expect(causesOf([failedWith('a', step('page error: my.login is not a function'))])).toEqual(['page-error']);
  });

  it('a login the backend answered wrongly is login-failed', () => {
    expect(causesOf([failedWith('a', step('login: HTTP 500 from the backend'))])).toEqual(['login-failed']);
  });
});
