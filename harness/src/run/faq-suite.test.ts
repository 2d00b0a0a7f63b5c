/**
 * The FAQ suite end to end against the bundled reference backend: every docs/scenarios.md scenario passes with the http
 * driver, with the browser driver (real Chromium, run once, 2 workers), and with requireSignature: false.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { faqScenarios } from '../../../scenarios/faq/index.js';
import { allScenarios } from '../../../scenarios/index.js';
import type { UserConfig } from '../config/define-config.js';
import type { RunReport, ScenarioResult } from '../core/types.js';
import { sharedTestBrowser } from '../test-support/chromium.js';
import { FAQ_IDS } from '../test-support/faq-ids.js';
import { reportSchemaErrors } from '../test-support/report-schema.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('faq-suite');
afterAll(() => dirs.cleanup());

const UNSIGNED_SUCCESS = ['faq5-missing-sign-no-public-key', 'faq5-missing-sign-no-gateway'];

async function run(user: UserConfig): Promise<{ report: RunReport; reportDir: string }> {
  const reportDir = dirs.make();
  const result = await runSuite(
    resolvedConfig({ reporters: ['json', 'junit', 'markdown', 'html'], groups: ['faq'], ...user, reportDir }),
    { scenarios: allScenarios, ...(user.driver === 'browser' ? { browser: await sharedTestBrowser() } : {}) },
  );
  if (!result.ok) throw new Error(`runSuite refused: ${result.reason}`);
  return { report: result.value, reportDir };
}

function failuresOf(report: RunReport): string {
  return report.scenarios
    .filter((s) => s.status !== 'passed')
    .map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`)
    .join('\n');
}

function byId(report: RunReport): Map<string, ScenarioResult> {
  return new Map(report.scenarios.map((s) => [s.id, s]));
}

/** Every id of docs/scenarios.md, each exactly once, each passed; and the verdict matches the expectation. */
function expectAllFaqPassed(report: RunReport): void {
  expect(failuresOf(report)).toBe('');
  expect([...report.scenarios.map((s) => s.id)].sort()).toEqual([...FAQ_IDS].sort());
  expect(report.summary).toMatchObject({ total: 16, passed: 16, failed: 0, skipped: 0 });
  for (const s of report.scenarios) {
    expect(s.status, s.id).toBe('passed');
    expect(s.failures, s.id).toEqual([]);
    expect(
      s.steps.every((st) => st.status === 'ok'),
      s.id,
    ).toBe(true);
    const v = s.verdict;
    switch (s.expected.kind) {
      case 'accepted': {
        expect(v?.kind, s.id).toBe('accepted');
        // the exact mobile the gateway issued (read back from the envelope's plaintext)
        const issued = (JSON.parse(s.evidence.plaintext ?? '{}') as { mobile?: string }).mobile;
        expect(issued, s.id).toMatch(/^1[3-9]\d{9}$/);
        expect(v?.kind === 'accepted' && v.mobile, s.id).toBe(issued);
        break;
      }
      case 'rejected':
        expect(v?.kind, s.id).toBe('rejected');
        expect(s.expected.codes, s.id).toContain(v?.kind === 'rejected' ? v.code : '');
        break;
      case 'no-call':
        expect(v, s.id).toEqual({ kind: 'no-call' });
        expect(s.evidence.backend, s.id).toEqual([]);
        break;
      default:
        throw new Error(`${s.id}: unexpected expectation ${s.expected.kind}`);
    }
    if (s.id !== 'faq1-user-refuses') {
      expect(s.evidence.envelope, `${s.id}: the envelope the page received`).toBeTruthy();
      expect(s.evidence.backend.length, s.id).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('FAQ suite against the reference backend', () => {
  it('http driver: all 16 FAQ scenarios pass, and the report files are written', async () => {
    const { report, reportDir } = await run({ driver: 'http', workers: 2 });
    expectAllFaqPassed(report);
    expect(report.driver).toBe('http');
    expect(report.requireSignature).toBe(true);
    expect(report.target.description).toMatch(/reference backend/);
    expect(report.scenarios.every((s) => s.driver === 'http')).toBe(true);
    // scenarios come back in definition order, whatever finished first
    expect(report.scenarios.map((s) => s.id)).toEqual(faqScenarios.map((s) => s.id));

    const ids = byId(report);
    expect(ids.get('faq5-missing-sign-no-public-key')?.verdict).toMatchObject({ code: 'SIGNATURE_MISSING' });
    expect(ids.get('faq4-empty-mobile')?.verdict).toMatchObject({ code: 'NO_MOBILE_BOUND' });
    expect(ids.get('faq1-user-refuses')?.evidence.pageLog?.join('\n')).toMatch(/用户拒绝授权/);

    for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md'])
      expect(existsSync(join(reportDir, f)), f).toBe(true);
    const written = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
    expect(written).toEqual(JSON.parse(JSON.stringify(report)));
    expect(reportSchemaErrors(written)).toBeUndefined();
  });

  it('http driver, requireSignature: false: all pass; the unsigned success cases are now accepted', async () => {
    const { report } = await run({ driver: 'http', workers: 2, requireSignature: false, reporters: [] });
    expectAllFaqPassed(report);
    expect(report.requireSignature).toBe(false);
    const ids = byId(report);
    for (const id of UNSIGNED_SUCCESS) {
      expect(ids.get(id)?.expected, id).toEqual({ kind: 'accepted', mobile: 'issued' });
      expect(ids.get(id)?.verdict?.kind, id).toBe('accepted');
    }
    // a 40002 plain object has no mobile to accept: still a rejection, but no longer SIGNATURE_MISSING
    expect(ids.get('faq3-40002-encrypt-error')?.expected).toEqual({
      kind: 'rejected',
      codes: ['ALIPAY_MISCONFIGURED', 'DECRYPT_FAILED'],
    });
  });

  it('browser driver (real Chromium, 2 workers): all 16 FAQ scenarios pass, with screenshots and page text', async () => {
    const { report, reportDir } = await run({ driver: 'browser', workers: 2 });
    expectAllFaqPassed(report);
    expect(report.driver).toBe('browser');
    expect(report.scenarios.every((s) => s.driver === 'browser')).toBe(true);

    const refuses = byId(report).get('faq1-user-refuses');
    expect(refuses?.evidence.pageText, 'the page shows the refusal').toBeTruthy();
    const success = byId(report).get('faq1-success');
    const shots = success?.steps.flatMap((st) => (st.screenshot ? [st.screenshot.path] : [])) ?? [];
    expect(shots.length).toBeGreaterThanOrEqual(1);
    for (const p of shots) expect(existsSync(join(reportDir, p)), p).toBe(true);
    // the page itself sent the backend request (my.request), with the envelope unchanged
    const sent = success?.evidence.backend[0]?.request.body ?? '';
    expect(JSON.parse(sent)).toEqual({ encryptedData: success?.evidence.envelope });
    // no scenario leaves a page error behind (the no-tap chain handles the backend's refusal too)
    const noTap = byId(report).get('faq1-no-consent');
    expect(noTap?.evidence.pageLog?.some((l) => / jsapi getPhoneNumber/.test(l))).toBe(true);
    for (const s of report.scenarios) {
      expect(s.evidence.pageLog?.filter((l) => /unhandledrejection|error error/.test(l)) ?? [], s.id).toEqual([]);
    }
  }, 180_000);
});
