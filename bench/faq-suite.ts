import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { resolveConfig } from '../harness/src/config/resolve-config.js';
import { CHROMIUM_ARGS } from '../harness/src/driver/chromium-args.js';
import { findHeadlessBrowser } from '../harness/src/driver/find-browser.js';
import { mountSamplePage } from '../harness/src/integrations/sample-page.js';
import { runSuite } from '../harness/src/run/run-suite.js';
import { findPackageRoot as packageRoot } from '../mock-gateway/src/package-root.js';
import { startGateway } from '../mock-gateway/src/server.js';
import { allScenarios } from '../scenarios/index.js';
import { type BenchResult, median } from './bench-result.js';

/** Wall time of one in-process `alimock run` over the FAQ group (gateway, reference backend, driver included). */
async function suiteMs(driver: 'http' | 'browser', grep?: string, miniProgram?: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'alimock-bench-'));
  try {
    const config = resolveConfig({
      groups: ['faq'],
      driver,
      reportDir: dir,
      ...(grep ? { grep } : {}),
      ...(miniProgram ? { miniProgram } : {}),
    });
    if (!config.ok) throw new Error(config.reason);
    const t = performance.now();
    const result = await runSuite(config.value, { scenarios: allScenarios, reporters: [] });
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(result.reason);
    if (result.value.summary.failed > 0) throw new Error(`${result.value.summary.failed} scenario(s) failed`);
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Baseline for the browser figures: launch Chromium, open one context, load the stub page, close. */
async function chromiumBaselineMs(): Promise<number> {
  const where = await findHeadlessBrowser();
  if (!where.ok) throw new Error(where.reason);
  const gateway = await startGateway({ port: 0 });
  const sample = await mountSamplePage(gateway.app);
  if (!sample.ok) throw new Error(sample.reason);
  try {
    const t = performance.now();
    const browser = await chromium.launch({
      ...(where.value.executablePath ? { executablePath: where.value.executablePath } : {}),
      args: [...CHROMIUM_ARGS],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gateway.url}/stub/`);
    await browser.close();
    return performance.now() - t;
  } finally {
    await gateway.close();
  }
}

/**
 * The FAQ suite's wall time with the http driver (target ≤ 2 s) ÷ the time the same run takes to start its gateway
 * and reference backend and do nothing (baseline).
 */
export async function faqSuiteHttp(rounds = 3): Promise<BenchResult> {
  const full: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < rounds; i++) {
    full.push(await suiteMs('http'));
    empty.push(await suiteMs('http', '^faq1-success$'));
  }
  const value = median(full);
  return {
    id: 'faq-suite-http',
    measured: 'FAQ suite (16 scenarios), http driver, wall time',
    value,
    baselineName: 'one scenario, same setup',
    baseline: median(empty),
    unit: 'ms',
    ratio: value / median(empty),
    target: { op: '<=', value: Number.POSITIVE_INFINITY },
    limit: { max: 2000, unit: 'ms' },
    notes: [`runs ${full.map((v) => v.toFixed(0)).join(' ')} ms`],
  };
}

/** A browser figure against an absolute budget, with Chromium's own start as the same-run baseline. */
function browserResult(
  id: string,
  measured: string,
  value: number,
  baseline: number,
  max: number,
  notes: string[],
): BenchResult {
  return {
    id,
    measured,
    value,
    baselineName: 'Chromium launch + one stub page',
    baseline,
    unit: 'ms',
    ratio: value / baseline,
    target: { op: '<=', value: Number.POSITIVE_INFINITY },
    limit: { max, unit: 'ms' },
    notes,
  };
}

/** The FAQ suite's wall time in Chromium (target ≤ 6 s incl. launch) ÷ launching Chromium and loading one page. */
export async function faqSuiteBrowser(): Promise<BenchResult> {
  const baseline = await chromiumBaselineMs();
  const value = await suiteMs('browser');
  return browserResult(
    'faq-suite-browser',
    'FAQ suite (16 scenarios), browser driver, wall time incl. Chromium launch',
    value,
    baseline,
    6000,
    [],
  );
}

/**
 * Marginal cost of one more browser scenario: (16-scenario run − 4-scenario run) ÷ 12 (target ≤ 150 ms), median of
 * `rounds` pairs (a single pair moves by ±20 ms on a shared host).
 */
export async function browserMarginal(rounds = 3, miniProgram?: string): Promise<BenchResult> {
  const baseline = await chromiumBaselineMs();
  const margins: number[] = [];
  const pairs: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const four = await suiteMs('browser', '^faq1-', miniProgram);
    const sixteen = await suiteMs('browser', undefined, miniProgram);
    margins.push((sixteen - four) / 12);
    pairs.push(`${four.toFixed(0)}/${sixteen.toFixed(0)}`);
  }
  const id = miniProgram ? 'project-marginal-scenario' : 'browser-marginal-scenario';
  const what = miniProgram ? 'one more browser scenario on examples/mini-program' : 'one more browser scenario';
  return browserResult(id, what, median(margins), baseline, miniProgram ? 200 : 150, [
    `4/16 scenarios ${pairs.join(', ')} ms; per round ${margins.map((m) => m.toFixed(0)).join(' ')} ms`,
  ]);
}

/** The same on a team's real project (the example: AXML, ACSS, modules, a login on launch, host mapping). */
export function projectMarginal(rounds = 3): Promise<BenchResult> {
  return browserMarginal(rounds, join(packageRoot(), 'examples', 'mini-program'));
}
