import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { gatewayModel } from '../../../mock-gateway/src/app.js';
import { packageVersion } from '../../../mock-gateway/src/package-root.js';
import { startGateway } from '../../../mock-gateway/src/server.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { RunReport, ScenarioResult } from '../core/types.js';
import { createBrowserDriver } from '../driver/browser-driver.js';
import { createHttpDriver } from '../driver/http-driver.js';
import type { Driver } from '../driver/types.js';
import { createGatewayHandle } from '../integrations/gateway-handle.js';
import { cleanReportDir } from '../report/clean-report-dir.js';
import { loadReporters } from '../report/load-reporters.js';
import { createMultiplexer } from '../report/multiplexer.js';
import type { Reporter } from '../report/reporter.js';
import type { ScenarioDefinition } from '../scenario/types.js';
import { startTarget } from '../target/start-target.js';
import { createTargetClient } from '../target/target-client.js';
import { diagnoseRun, savePayloads } from './diagnose-run.js';
import { preparePage } from './prepare-page.js';
import { runKeys } from './run-keys.js';
import { runScenario } from './run-scenario.js';
import { emptySelectionReason, selectScenarios } from './select.js';
import { skippedResult } from './skipped.js';

export interface SuiteOptions {
  /** the scenarios to choose from (alimock's own suite is `allScenarios`, exported by the package) */
  scenarios: readonly ScenarioDefinition[];
  /** replaces the configured reporters (tests) */
  reporters?: Reporter[];
  /** where console output goes */
  stream?: NodeJS.WritableStream;
  /**
   * stops the run (Ctrl-C, a closed output): no new scenario starts, the target and the browser are stopped, and the
   * reports are written with the scenarios that did not finish marked skipped (reason: the signal's reason)
   */
  signal?: AbortSignal;
  /**
   * the browser driver runs in this Chromium (a Playwright `Browser`) instead of launching its own: its contexts are
   * closed at the end, the browser is left running (and `browser.executablePath` is not used)
   */
  browser?: Browser;
}

export type SuiteResult = { ok: true; value: RunReport } | { ok: false; reason: string };

function abortReason(signal: AbortSignal | undefined): string {
  const r = signal?.reason as unknown;
  return typeof r === 'string' ? r : r instanceof Error ? r.message : 'interrupted';
}

/**
 * Runs the selected scenarios: one gateway (in-process, port 0), one target, one driver (one browser, a context per
 * scenario), `workers` scenarios at a time, each in its own gateway session. Setup problems → { ok: false }.
 */
export async function runSuite(config: ResolvedConfig, options: SuiteOptions): Promise<SuiteResult> {
  const selected = selectScenarios(options.scenarios, config);
  if (selected.length === 0) return { ok: false, reason: emptySelectionReason(options.scenarios, config) };
  const loaded = runKeys(config.keysDir, config.appId);
  if (!loaded.ok) return loaded;
  const keys = loaded.value;
  const { signal } = options;
  const cleanups: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
    })();
    return cleaning;
  };
  // an interruption stops the target and the browser at once: the scenarios in flight end quickly
  const onAbort = () => void cleanup();
  let chosen: Reporter[];
  if (options.reporters) chosen = options.reporters;
  else {
    const loaded = await loadReporters(config.reporters, {
      reportDir: config.reportDir,
      ...(options.stream ? { stream: options.stream } : {}),
    });
    if (!loaded.ok) return loaded;
    chosen = loaded.value;
  }
  try {
    await cleanReportDir(config.reportDir);
    if (signal?.aborted) return { ok: false, reason: `interrupted (${abortReason(signal)}) before the run started` };
    let gateway: Awaited<ReturnType<typeof startGateway>>;
    try {
      gateway = await startGateway({ keys, port: config.gatewayPort });
    } catch (e) {
      return {
        ok: false,
        reason: `the mock gateway could not listen on port ${config.gatewayPort}: ${(e as Error).message}`,
      };
    }
    cleanups.push(gateway.close);
    const target = await startTarget(config, keys, gateway.url, { logDir: config.reportDir });
    if (!target.ok) return { ok: false, reason: target.reason };
    cleanups.push(target.value.stop);
    if (signal?.aborted) return { ok: false, reason: `interrupted (${abortReason(signal)}) before the run started` };
    const prepared = await preparePage(config, gateway.app, target.value.url, config.driver === 'browser');
    if (!prepared.ok) return { ok: false, reason: prepared.reason };
    let driver: Driver;
    if (config.driver === 'browser') {
      const created = await createBrowserDriver({
        ...(config.browser.executablePath ? { executablePath: config.browser.executablePath } : {}),
        page: prepared.page,
        screenshots: config.browser.screenshots,
        browsers: config.workers,
        ...(options.browser ? { browser: options.browser } : {}),
      });
      if (!created.ok) return { ok: false, reason: created.reason };
      driver = created.value;
    } else driver = createHttpDriver();
    cleanups.push(() => driver.close());
    signal?.addEventListener('abort', onAbort, { once: true });

    const reporters = createMultiplexer(chosen, (name, hook, err) =>
      (options.stream ?? process.stderr).write(`alimock: reporter ${name} failed in ${hook}: ${String(err)}\n`),
    );
    const startedAt = new Date();
    const t0 = performance.now();
    const targetInfo = { url: target.value.url, description: target.value.description };
    await reporters.onRunStart?.({
      total: selected.length,
      target: targetInfo,
      driver: driver.name,
      reportDir: config.reportDir,
      workers: config.workers,
    });
    const runId = `run-${randomBytes(4).toString('hex')}`;
    const client = createTargetClient(target.value.url, { timeoutMs: config.requestTimeoutMs });
    const results: Array<ScenarioResult | undefined> = new Array(selected.length);
    let next = 0;
    const worker = async () => {
      while (next < selected.length && !signal?.aborted) {
        const i = next++;
        const def = selected[i] as ScenarioDefinition;
        await reporters.onScenarioStart?.({ id: def.id, title: def.title });
        const result = await runScenario(def, {
          driver,
          gatewayUrl: gateway.url,
          admin: (session) => createGatewayHandle({ app: gateway.app }, session),
          foreign: () => gatewayModel(gateway.app).foreign(),
          target: client,
          config,
          keys,
          runId,
        });
        // a scenario cut short by the interruption did not really run: its failure would be the interruption's
        const final = signal?.aborted
          ? skippedResult(
              def,
              `interrupted (${abortReason(signal)}) while it ran`,
              driver.name,
              config.requireSignature,
            )
          : result;
        results[i] = final;
        await reporters.onScenarioEnd?.(final);
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.workers, selected.length) }, worker));
    const scenarios = selected.map(
      (def, i) =>
        results[i] ??
        skippedResult(def, `interrupted (${abortReason(signal)}) before it ran`, driver.name, config.requireSignature),
    );
    const diagnosis = signal?.aborted
      ? []
      : await diagnoseRun(scenarios, {
          config,
          keys,
          client,
          admin: createGatewayHandle({ app: gateway.app }, `${runId}.diagnosis`),
        });
    await savePayloads(config.reportDir, scenarios).catch(() => undefined);
    const passed = scenarios.filter((r) => r.status === 'passed').length;
    const skipped = scenarios.filter((r) => r.status === 'skipped').length;
    const report: RunReport = {
      schemaVersion: 1,
      tool: { name: 'alimock', version: packageVersion() },
      startedAt: startedAt.toISOString(),
      target: targetInfo,
      driver: driver.name,
      requireSignature: config.requireSignature,
      summary: {
        total: scenarios.length,
        passed,
        failed: scenarios.length - passed - skipped,
        skipped,
        durationMs: Math.round(performance.now() - t0),
      },
      ...(signal?.aborted ? { interrupted: abortReason(signal) } : {}),
      ...(target.value.logPath ? { targetLog: target.value.logPath } : {}),
      ...(config.miniProgram || config.pageScript ? { miniProgram: prepared.report } : {}),
      diagnosis,
      scenarios,
    };
    await reporters.onRunEnd?.(report);
    return { ok: true, value: report };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await cleanup();
  }
}
