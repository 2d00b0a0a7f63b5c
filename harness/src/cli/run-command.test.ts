/**
 * `alimock run` from outside: spawn the built bin against the bundled reference backend, assert on
 * exit codes, stderr and the report files (report.json against its schema, junit.xml parsed with xmlbuilder2).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { allScenarios } from '../../../scenarios/index.js';
import type { RunReport } from '../core/types.js';
import { type CliRun, ensureBuilt, ROOT, runCli } from '../test-support/built-cli.js';
import { runCliInProcess } from '../test-support/cli-in-process.js';
import { FAQ_IDS } from '../test-support/faq-ids.js';
import { reportSchemaErrors } from '../test-support/report-schema.js';
import { tempDirs } from '../test-support/temp-dir.js';

const REPORT_FILES = ['report.json', 'junit.xml', 'report.html', 'summary.md'];
const ALL_IDS = allScenarios.map((s) => s.id).sort();
const dirs = tempDirs('run-cmd');

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => dirs.cleanup());

/** Runs `alimock run --driver http …` in an empty cwd (no alimock.config.* to pick up); returns the report dir too. */
async function run(args: string[]): Promise<CliRun & { reportDir: string }> {
  const cwd = dirs.make();
  const reportDir = join(cwd, 'report');
  const ran = await runCliInProcess(['run', '--driver', 'http', '--report-dir', reportDir, ...args], { cwd });
  return { ...ran, reportDir };
}

function readReport(reportDir: string): RunReport {
  return JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
}

/** Misuse: exit 2, exactly one `alimock: ` line on stderr, no stack trace. */
function expectMisuse(r: CliRun, mentions: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^alimock: /);
  expect(lines[0]).toMatch(mentions);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('alimock run against the reference backend (default target)', () => {
  it('exit 0; writes the four files; junit.xml is well-formed with one testcase per scenario; report.json validates', async () => {
    const r = await run(['--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const f of REPORT_FILES) expect(existsSync(join(r.reportDir, f)), f).toBe(true);

    const report = readReport(r.reportDir);
    expect(reportSchemaErrors(report)).toBeUndefined();
    expect(report.driver).toBe('http');
    expect(report.summary).toMatchObject({ total: ALL_IDS.length, failed: 0, passed: ALL_IDS.length });
    expect(report.scenarios.map((s) => s.id).sort()).toEqual(ALL_IDS);

    const doc = (create(readFileSync(join(r.reportDir, 'junit.xml'), 'utf8')).node as unknown as Document)
      .documentElement;
    expect(doc.tagName).toBe('testsuites');
    expect(doc.getAttribute('tests')).toBe(String(ALL_IDS.length));
    expect(doc.getAttribute('failures')).toBe('0');
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    expect(cases).toHaveLength(ALL_IDS.length);
    expect(cases.filter((c) => c.getElementsByTagName('failure').length > 0)).toHaveLength(0);
    const faq = Array.from(doc.getElementsByTagName('testsuite')).find((s) => s.getAttribute('name') === 'faq');
    expect(faq?.getAttribute('tests')).toBe('16');
    const faqCases = Array.from(faq?.getElementsByTagName('testcase') ?? []);
    expect(faqCases).toHaveLength(16);
    expect(faqCases.map((c) => c.getAttribute('name')?.split(':')[0]).sort()).toEqual([...FAQ_IDS].sort());
    expect(faqCases.every((c) => c.getAttribute('classname') === 'alimock.faq')).toBe(true);

    expect(readFileSync(join(r.reportDir, 'summary.md'), 'utf8')).toContain('faq1-success');
    expect(readFileSync(join(r.reportDir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('--grep faq1 runs exactly the 4 faq1 scenarios', async () => {
    const r = await run(['--grep', 'faq1']);
    expect(r.code, r.stderr).toBe(0);
    const report = readReport(r.reportDir);
    expect(report.scenarios.map((s) => s.id).sort()).toEqual(
      ['faq1-consent-expired', 'faq1-no-consent', 'faq1-success', 'faq1-user-refuses'].sort(),
    );
    expect(report.summary.total).toBe(4);
  });

  it('--shard 1/2 and --shard 2/2 together run every scenario exactly once', async () => {
    const [a, b] = await Promise.all([run(['--shard', '1/2']), run(['--shard', '2/2'])]);
    expect(a?.code, a?.stderr).toBe(0);
    expect(b?.code, b?.stderr).toBe(0);
    const first = readReport(a?.reportDir ?? '').scenarios.map((s) => s.id);
    const second = readReport(b?.reportDir ?? '').scenarios.map((s) => s.id);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].sort()).toEqual(ALL_IDS);
    expect(Math.abs(first.length - second.length)).toBeLessThanOrEqual(1);
  });
});

// not concurrent: the in-process runs set the environment (ALIMOCK_CHROMIUM) that a spawned run would inherit
describe('alimock run misuse: exit 2, one line on stderr', () => {
  it('a target where nothing listens', async () => {
    // a running target gets 5 s to answer its health check (--target URL); the config's target.readyTimeoutMs
    // shortens it here, the message is the same
    const cwd = dirs.make();
    writeFileSync(
      join(cwd, 'alimock.config.mjs'),
      "export default { target: { url: 'http://127.0.0.1:1', readyTimeoutMs: 300 } };\n",
    );
    const reportDir = join(cwd, 'report');
    const r = await runCliInProcess(['run', '--driver', 'http', '--report-dir', reportDir], { cwd });
    expectMisuse(r, /127\.0\.0\.1:1\/healthz not ready within 300 ms.*is the backend running\?/);
    expect(existsSync(join(reportDir, 'report.json'))).toBe(false);
  });

  it('--driver browser with no Chromium where ALIMOCK_CHROMIUM points', async () => {
    const reportDir = dirs.make();
    const r = await runCliInProcess(
      ['run', '--driver', 'browser', '--grep', '^faq1-success$', '--report-dir', reportDir],
      {
        env: { ALIMOCK_CHROMIUM: '/nope/chrome' },
      },
    );
    expectMisuse(r, /Chromium not found at \/nope\/chrome \(from ALIMOCK_CHROMIUM\)/);
  });

  it('--driver nope', async () => {
    expectMisuse(await run(['--driver', 'nope']), /nope/);
  });

  it('--config missing.ts', async () => {
    const r = await run(['--config', 'missing.ts']);
    expectMisuse(r, /config file not found: .*missing\.ts/);
  });

  it('--shard 3/2 and --workers 0', async () => {
    expectMisuse(await run(['--shard', '3/2']), /shard/);
    expectMisuse(await run(['--workers', '0']), /workers/);
  });

  it('--mini-program DIR --page ROUTE: the team project in Chromium; --page alone is misuse', async () => {
    const cwd = dirs.make();
    const reportDir = join(cwd, 'report');
    const project = join(ROOT, 'examples', 'mini-program');
    const r = await runCli(
      [
        'run',
        '--mini-program',
        project,
        '--page',
        'pages/bind/bind',
        '--grep',
        '^faq1-success$',
        '--report-dir',
        reportDir,
      ],
      { cwd, timeoutMs: 120_000 },
    );
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = readReport(reportDir);
    expect(report.scenarios.map((x) => [x.id, x.status, x.driver])).toEqual([['faq1-success', 'passed', 'browser']]);
    // the project's own result page (it navigates there after binding), not the FAQ sample
    expect(report.scenarios[0]?.evidence.pageText).toMatch(/13800138000\s+返回$/);
    expectMisuse(await run(['--page', 'pages/bind/bind']), /--page needs --mini-program/);
  });

  it('a --grep that matches nothing', async () => {
    expectMisuse(await run(['--grep', 'no-such-scenario-anywhere']), /nothing to run/);
  });
});
