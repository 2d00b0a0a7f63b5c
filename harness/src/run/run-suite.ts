import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { packageVersion } from '../../../mock-gateway/src/package-root.js';
import { startGateway } from '../../../mock-gateway/src/server.js';
import { allScenarios } from '../../../scenarios/index.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { createBrowserDriver } from '../driver/browser-driver.js';
import { createHttpDriver } from '../driver/http-driver.js';
import type { Driver } from '../driver/types.js';
import { createGatewayHandle } from '../integrations/gateway-handle.js';
import { createReporters } from '../report/create-reporters.js';
import { createMultiplexer } from '../report/multiplexer.js';
import type { RunReport, ScenarioResult } from '../report/report-types.js';
import type { Reporter } from '../report/reporter.js';
import type { ScenarioDefinition } from '../scenario/types.js';
import { startTarget } from '../target/start-target.js';
import { runScenario } from './run-scenario.js';
import { pool, selectScenarios } from './select.js';

export interface SuiteOptions {
  /** scenarios to choose from (default: all) */
  scenarios?: readonly ScenarioDefinition[];
  /** replaces the configured reporters (tests) */
  reporters?: Reporter[];
  /** where console output goes */
  stream?: NodeJS.WritableStream;
}

export type SuiteResult = { ok: true; value: RunReport } | { ok: false; reason: string };

/**
 * Runs the selected scenarios: one gateway (in-process, port 0), one target, one driver (one browser, a context per
 * scenario), `workers` scenarios at a time, each in its own gateway session. Setup problems → { ok: false }.
 */
export async function runSuite(config: ResolvedConfig, options: SuiteOptions = {}): Promise<SuiteResult> {
  const selected = selectScenarios(options.scenarios ?? allScenarios, config);
  if (selected.length === 0)
    return { ok: false, reason: 'no scenario matches --grep / --shard / groups: nothing to run' };
  let keys: ReturnType<typeof resolveKeys>;
  try {
    keys = resolveKeys(config.keysDir);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
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
    const target = await startTarget(config, keys, gateway.url);
    if (!target.ok) return { ok: false, reason: target.reason };
    cleanups.push(target.value.stop);
    let driver: Driver;
    if (config.driver === 'browser') {
      const created = await createBrowserDriver({
        ...(config.browser.executablePath ? { executablePath: config.browser.executablePath } : {}),
        ...(config.pageScript ? { pageScript: config.pageScript } : {}),
        screenshots: config.browser.screenshots,
        browsers: config.workers,
      });
      if (!created.ok) return { ok: false, reason: created.reason };
      driver = created.value;
    } else driver = createHttpDriver();
    cleanups.push(() => driver.close());

    await rm(join(config.reportDir, 'screenshots'), { recursive: true, force: true });
    const reporters = createMultiplexer(
      options.reporters ??
        createReporters(config.reporters, {
          reportDir: config.reportDir,
          ...(options.stream ? { stream: options.stream } : {}),
        }),
      (name, hook, err) =>
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
    const results: ScenarioResult[] = await pool(selected, config.workers, async (def) => {
      await reporters.onScenarioStart?.({ id: def.id, title: def.title });
      const result = await runScenario(def, {
        driver,
        gatewayUrl: gateway.url,
        admin: (session) => createGatewayHandle({ app: gateway.app }, session),
        foreign: () => gateway.app.alimock.foreign(),
        targetUrl: target.value.url,
        config,
        keys,
        runId,
      });
      await reporters.onScenarioEnd?.(result);
      return result;
    });
    const passed = results.filter((r) => r.status === 'passed').length;
    const skipped = results.filter((r) => r.status === 'skipped').length;
    const report: RunReport = {
      schemaVersion: 1,
      tool: { name: 'alimock', version: packageVersion() },
      startedAt: startedAt.toISOString(),
      target: targetInfo,
      driver: driver.name,
      requireSignature: config.requireSignature,
      summary: {
        total: results.length,
        passed,
        failed: results.length - passed - skipped,
        skipped,
        durationMs: Math.round(performance.now() - t0),
      },
      scenarios: results,
    };
    await reporters.onRunEnd?.(report);
    return { ok: true, value: report };
  } finally {
    await cleanup();
  }
}
