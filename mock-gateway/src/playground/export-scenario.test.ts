/**
 * "Save as scenario" from journal entries: the set-up from admin writes (settings merged, the member the page acted
 * as, its consents, the rules still in place), the steps in order (taps, calls without a tap, clock moves, expiry),
 * the expectation from the backend's last answer to the phone request; notes where the file cannot say what was done.
 * That the files it writes load and run is tested in harness/src/playground.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../model/journal-entry.js';
import { DEMO_USER } from '../model/users.js';
import { exportScenario, scenarioIdFor } from './export-scenario.js';

const APP = '2021000000000001';
const S = 'pg-test';
const ctx = { session: S, appId: APP };

let seq = 0;
function entry(api: string, more: Partial<JournalEntry> = {}): JournalEntry {
  seq++;
  return {
    seq,
    at: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    session: S,
    api,
    method: 'POST',
    url: `/jsapi/${api}`,
    status: 200,
    durationMs: 1,
    ...more,
  };
}
const admin = (method: string, url: string, body?: unknown, more: Partial<JournalEntry> = {}) =>
  entry('admin', { method, url, ...(body !== undefined ? { request: JSON.stringify(body) } : {}), ...more });
const tap = (decision: 'allow' | 'deny', userId = DEMO_USER.userId) =>
  entry('authorize', { request: JSON.stringify({ scope: 'phoneNumber', decision }), userId });
const phone = (userId = DEMO_USER.userId) => entry('getPhoneNumber', { userId, outcome: 'success' });
const answer = (verdict: JournalEntry['verdict']) =>
  entry('request', {
    url: '/mp/faq-sample/request',
    role: 'phone',
    answerStatus: 200,
    ...(verdict ? { verdict } : {}),
  });

function exported(entries: JournalEntry[]) {
  const got = exportScenario(entries, ctx);
  if (!got.ok) throw new Error(got.reason);
  return got.value;
}

describe('exportScenario', () => {
  it('the AES key unset, a tap, a rejection: the setting as given, the tap as the step, the code as expected', () => {
    const { scenario, notes } = exported([
      admin('GET', `/__admin/apps/${APP}`),
      admin('PATCH', `/__admin/apps/${APP}`, { aesKeyStatus: 'not-set' }),
      tap('allow'),
      phone(),
      answer({ kind: 'rejected', code: 'SIGNATURE_MISSING', message: 'no sign' }),
    ]);
    expect(scenario).toMatchObject({
      id: 'playground-pg-test',
      group: 'playground',
      given: [{ app: { aesKeyStatus: 'not-set' } }],
      steps: [{ do: 'tap-authorize', choice: 'allow' }],
      expect: { kind: 'rejected', codes: ['SIGNATURE_MISSING'] },
    });
    expect(scenario.title).toContain('aesKeyStatus "not-set"');
    expect(notes).toEqual([]);
  });

  it('next 2 calls 20000, three taps: the rule as set, three steps, the last answer (accepted) as expected', () => {
    const { scenario } = exported([
      admin(
        'POST',
        '/__admin/rules',
        { action: { kind: 'outcome', outcome: '20000' }, scope: { api: 'getPhoneNumber', session: S }, times: 2 },
        { rules: ['rule-4'] },
      ),
      ...[1, 2, 3].flatMap((i) => [
        tap('allow'),
        phone(),
        answer(i < 3 ? { kind: 'rejected', code: 'ALIPAY_BUSY' } : { kind: 'accepted', mobile: '13800138000' }),
      ]),
    ]);
    expect(scenario.given).toEqual([
      { rule: { action: { kind: 'outcome', outcome: '20000' }, scope: { api: 'getPhoneNumber' }, times: 2 } },
    ]);
    expect(scenario.steps).toHaveLength(3);
    expect(scenario.expect).toEqual({ kind: 'accepted', mobile: 'issued' });
  });

  it('a refusal: no-call, and no getPhoneNumber may follow it', () => {
    const { scenario } = exported([admin('POST', '/__admin/consents', { decision: 'none' }), tap('deny')]);
    expect(scenario.given).toEqual([{ consent: 'none' }]);
    expect(scenario.steps).toEqual([{ do: 'tap-authorize', choice: 'deny' }]);
    expect(scenario.expect).toEqual({ kind: 'no-call' });
    expect(scenario.checks).toEqual(['no-phone-call']);
  });

  it('the member the page acts as, with their consent; a call without a tap; clock moves and expiry as steps', () => {
    const other = '2088000000000777';
    const { scenario } = exported([
      admin('POST', '/__admin/users', { noMobile: true }, { userId: other }),
      admin('POST', '/__admin/consents', { decision: 'allow', userId: other, appId: APP, ttlMs: 60_000 }),
      admin('POST', '/__admin/consents', { decision: 'none' }), // the demo member's: not the page's member
      admin('POST', '/__admin/clock', { advanceMs: 120_000 }),
      phone(other),
      answer({ kind: 'rejected', code: 'AUTH_REQUIRED' }),
      admin('POST', '/__admin/consents/expire', { userId: other }),
    ]);
    expect(scenario.given).toEqual([{ member: { noMobile: true } }, { consent: 'allow', ttlMs: 60_000 }]);
    expect(scenario.steps).toEqual([
      { do: 'advance-clock', ms: 120_000 },
      { do: 'call-get-phone-number' },
      { do: 'expire-consent' },
    ]);
    expect(scenario.expect).toEqual({ kind: 'rejected', codes: ['AUTH_REQUIRED'] });
  });

  it('a reset forgets what came before; removed rules are gone; settings merge to their last values', () => {
    const { scenario } = exported([
      admin('PATCH', `/__admin/apps/${APP}`, { phonePackage: 'not-added' }),
      tap('allow'),
      admin('POST', '/__admin/reset?session=pg-test', {}),
      admin('PATCH', `/__admin/apps/${APP}`, { signType: null }),
      admin('PATCH', `/__admin/apps/${APP}`, { signType: 'RSA', appGatewaySet: false }),
      admin('POST', '/__admin/rules', { action: { kind: 'latency', ms: 10 } }, { rules: ['rule-1'] }),
      admin('POST', '/__admin/rules', { action: { kind: 'reset' } }, { rules: ['rule-2'] }),
      admin('DELETE', '/__admin/rules/rule-2'),
      tap('allow'),
      phone(),
      answer({ kind: 'rejected', code: 'SIGNATURE_MISSING' }),
    ]);
    expect(scenario.given).toEqual([
      { app: { signType: 'RSA', appGatewaySet: false } },
      { rule: { action: { kind: 'latency', ms: 10 } } },
    ]);
    expect(scenario.steps).toEqual([{ do: 'tap-authorize', choice: 'allow' }]);
  });

  it('says what it could not keep: settings changed after the first step, a crash as the last answer', () => {
    const { scenario, notes } = exported([
      tap('allow'),
      phone(),
      answer({ kind: 'crashed', reason: 'HTTP 500 without the contract error body' }),
      admin('PATCH', `/__admin/apps/${APP}`, { aesKeyStatus: 'unusable' }),
    ]);
    expect(scenario.expect).toEqual({ kind: 'informational' });
    expect(notes.join('\n')).toMatch(/set after the first step.*PATCH \/__admin\/apps/);
    expect(notes.join('\n')).toMatch(/crashed/);
    expect(scenario.explanation).toContain(notes[0]);
  });

  it('only the session asked for, and nothing to keep without a step', () => {
    const got = exportScenario([admin('PATCH', `/__admin/apps/${APP}`, { aesKeyStatus: 'not-set' })], ctx);
    expect(got).toEqual({ ok: false, reason: expect.stringMatching(/no steps to keep: tap the phone button/) });
    const elsewhere = exportScenario([{ ...tap('allow'), session: 'another' }], ctx);
    expect(elsewhere.ok).toBe(false);
  });

  it('makes a scenario id of any session id', () => {
    expect(scenarioIdFor('pg-abc')).toBe('playground-pg-abc');
    expect(scenarioIdFor('Run:1.A_b')).toBe('playground-run-1.a_b');
    expect(scenarioIdFor('x'.repeat(128))).toMatch(/^playground-x+$/);
    expect(scenarioIdFor('x'.repeat(128)).length).toBeLessThanOrEqual(80);
  });
});
