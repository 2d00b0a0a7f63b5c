/**
 * Every broken backend (examples/broken-backends) against the FAQ suite: exactly the FAQ scenarios its `caughtBy`
 * names fail, every other FAQ scenario passes. Plus one run of the built CLI against one of them, from outside.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenBackends } from '../../../examples/broken-backends/index.js';
import { startBrokenBackend } from '../../../examples/broken-backends/server.js';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { faqScenarios } from '../../../scenarios/faq/index.js';
import type { RunReport } from '../report/report-types.js';
import { ensureBuilt, ROOT, runCli } from '../test-support/built-cli.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const FAQ_IDS = new Set(faqScenarios.map((s) => s.id));
const dirs = tempDirs('broken');
let keys: KeyMaterial;

beforeAll(() => {
  keys = resolveKeys(undefined);
});
afterAll(() => dirs.cleanup());

/** caughtBy restricted to the FAQ scenarios that exist (the rest are security ids). */
function faqCaughtBy(name: string): string[] {
  return (brokenBackends[name]?.caughtBy ?? []).filter((id) => FAQ_IDS.has(id)).sort();
}

async function runAgainst(name: string): Promise<RunReport> {
  const config = resolvedConfig({
    driver: 'http',
    workers: 2,
    groups: ['faq'],
    reporters: [],
    reportDir: dirs.make(),
    target: {
      start: () =>
        startBrokenBackend(name, {
          alipayPublicKey: keys.alipayPublicKey,
          aesKey: keys.aesKey,
          appPublicKey: keys.appPublicKey,
          requireSignature: true,
        }),
    },
  });
  const result = await runSuite(config, { reporters: [] });
  if (!result.ok) throw new Error(`runSuite refused for ${name}: ${result.reason}`);
  return result.value;
}

describe('broken backends: exactly the documented FAQ scenarios catch each one', () => {
  it('every broken backend is covered below', () => {
    expect(Object.keys(brokenBackends).length).toBeGreaterThanOrEqual(12);
  });

  for (const name of Object.keys(brokenBackends)) {
    const caught = faqCaughtBy(name);
    const title =
      caught.length === 0
        ? `${name}: caught only by security scenarios, so every FAQ scenario passes`
        : `${name}: fails exactly ${caught.join(', ')}`;
    it(title, async () => {
      const report = await runAgainst(name);
      expect(report.scenarios.map((s) => s.id).sort()).toEqual([...FAQ_IDS].sort());
      const failed = report.scenarios.filter((s) => s.status === 'failed');
      const why = failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`).join('\n');
      expect(failed.map((s) => s.id).sort(), why).toEqual(caught);
      expect(report.summary.failed).toBe(caught.length);
      for (const s of failed) {
        // a failure is explained in domain words, and it is the backend's fault, not the harness's
        expect(s.failures.length, s.id).toBeGreaterThan(0);
        expect(s.failures.map((f) => f.message).join(' '), s.id).not.toMatch(/harness could not/);
        expect(s.evidence.backend.length, `${s.id}: the failing answer is in the evidence`).toBeGreaterThan(0);
      }
    });
  }
});

describe('alimock run (spawned) against a broken backend started by target.command', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('no-quotes: exit 1, and report.json lists exactly its failing FAQ scenarios', async () => {
    const dir = dirs.make();
    const reportDir = join(dir, 'report');
    const configFile = join(dir, 'alimock.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        target: {
          command: 'node dist/examples/broken-backends/server.js no-quotes',
          cwd: ROOT,
          readyTimeoutMs: 60_000,
        },
        groups: ['faq'],
        workers: 2,
      }),
    );
    const ran = await runCli(['run', '--driver', 'http', '--config', configFile, '--report-dir', reportDir], {
      cwd: dir,
      timeoutMs: 90_000,
    });
    expect(ran.code, ran.stderr).toBe(1);
    // the process ends with the run, not when readyTimeoutMs has passed (a pending timer kept it alive)
    expect(ran.ms).toBeLessThan(30_000);
    expect(ran.stderr).toMatch(/scenarios failed/);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.target.description).toContain('no-quotes');
    const failed = report.scenarios.filter((s) => s.status === 'failed').map((s) => s.id);
    expect(failed.sort()).toEqual(faqCaughtBy('no-quotes'));
    expect(failed.length).toBe(9);
    expect(report.summary).toMatchObject({ total: 16, failed: 9, passed: 7 });
  });
});
