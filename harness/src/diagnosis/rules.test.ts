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

describe('app-id-mismatch', () => {
  it('a /gateway.do refused with isv.invalid-app-id names both apps, before the login failure it causes', () => {
    const r = failedWith('a', step('login: HTTP 200 but no member in the answer'));
    r.evidence.journal = [
      { api: 'getAuthCode', at: 't', appId: '2021009900000042' },
      { api: 'gateway', at: 't', outcome: 'isv.invalid-app-id', appId: '2021000000000001' },
    ];
    const found = findCauses({
      facts: gatherFacts([r], defaultContract),
      probes: {},
      keysDir: 'keys',
      payloadDir: 'payloads',
      doctorConfirms: () => undefined,
    });
    expect(found.map((c) => c.cause)).toEqual(['app-id-mismatch', 'login-failed']);
    expect(found[0]?.title).toMatch(
      /calls Alipay as app 2021000000000001, but the mini-program runs as app 2021009900000042/,
    );
    expect(found[0]?.remedy).toMatch(/set appId in the alimock config/);
  });

  it('a login that fails for another reason is not put down to the app id', () => {
    const r = failedWith('a', step('login: HTTP 500 from the backend'));
    r.evidence.journal = [{ api: 'gateway', at: 't', outcome: 'success', appId: '2021000000000001' }];
    expect(causesOf([r])).toEqual(['login-failed']);
  });
});

describe("the backend's own Alipay call refused", () => {
  const refusedWith = (outcome: string) => {
    const r = failedWith('a', step('login: HTTP 200 but no member in the answer'));
    r.evidence.journal = [
      { api: 'getAuthCode', at: 't', appId: '2021000000000001' },
      { api: 'gateway', at: 't', outcome, appId: '2021000000000001' },
    ];
    return findCauses({
      facts: gatherFacts([r], defaultContract),
      probes: {},
      keysDir: 'my-keys',
      payloadDir: 'payloads',
      doctorConfirms: () => undefined,
    });
  };

  it('isv.invalid-signature: the backend holds another app key than the run; the remedy names the keys folder', () => {
    const found = refusedWith('isv.invalid-signature');
    expect(found.map((c) => c.cause)).toEqual(['openapi-signature-invalid', 'login-failed']);
    expect(found[0]?.remedy).toContain('my-keys/app-private.pem');
  });

  it('any other refusal is named by its code', () => {
    const found = refusedWith('isv.invalid-timestamp');
    expect(found.map((c) => c.cause)).toEqual(['openapi-request-refused', 'login-failed']);
    expect(found[0]?.title).toContain('(isv.invalid-timestamp)');
  });
});
