import { join, relative } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { GrepMatcher } from '../run/grep.js';
import { runSuite } from '../run/run-suite.js';
import { configScenarios } from '../run-suite-default.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';
import { watchInterruption } from './interruption.js';
import type { Shard } from './parse-args.js';

/** Flags of `alimock run`, already validated by `program.ts`. */
export interface RunOptions {
  config?: string;
  /** backend base URL without a trailing slash; none → start the reference backend */
  target?: string;
  driver?: 'browser' | 'http';
  grep?: GrepMatcher;
  groups?: string[];
  scenarios?: string[];
  pageScript?: string;
  miniProgram?: string;
  page?: string;
  /** default alimock-report/ */
  reportDir?: string;
  shard?: Shard;
  workers?: number;
}

const FILES = { html: 'report.html', json: 'report.json', junit: 'junit.xml', markdown: 'summary.md' } as const;

/** `alimock run`: exit 0 iff every scenario passed; 1 when one failed; 2 when the run could not start. */
export async function runCommand(opts: RunOptions): Promise<CommandResult> {
  const loaded = await loadConfig(opts.config);
  if (!loaded.ok) return usageFailure(loaded.reason);
  const resolved = resolveConfig(
    loaded.value.config,
    {
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      ...(opts.driver !== undefined ? { driver: opts.driver } : {}),
      ...(opts.grep !== undefined ? { grep: opts.grep.source } : {}),
      ...(opts.groups !== undefined ? { groups: opts.groups } : {}),
      ...(opts.scenarios !== undefined ? { scenarios: opts.scenarios } : {}),
      ...(opts.pageScript !== undefined ? { pageScript: opts.pageScript } : {}),
      ...(opts.miniProgram !== undefined ? { miniProgram: opts.miniProgram } : {}),
      ...(opts.page !== undefined ? { page: opts.page } : {}),
      ...(opts.reportDir !== undefined ? { reportDir: opts.reportDir } : {}),
      ...(opts.shard !== undefined ? { shard: `${opts.shard.index}/${opts.shard.total}` } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    },
    loaded.value.dir,
  );
  if (!resolved.ok) return usageFailure(`${loaded.value.path ? `${loaded.value.path}: ` : ''}${resolved.reason}`);
  const config = resolved.value;
  const interruption = watchInterruption();
  try {
    const scenarios = await configScenarios(config);
    if (!scenarios.ok) return usageFailure(scenarios.reason);
    const result = await runSuite(config, {
      scenarios: scenarios.value,
      signal: interruption.signal,
      stream: interruption.stdout,
    });
    if (!result.ok) {
      return interruption.signal.aborted
        ? { ok: false, exitCode: interruption.exitCode(), reason: result.reason }
        : usageFailure(result.reason);
    }
    const shown = relative(process.cwd(), config.reportDir) || '.';
    const files = config.reporters.flatMap((r) => (typeof r === 'string' && r !== 'console' ? [FILES[r]] : []));
    // the file a person opens first: the HTML report when it is written, else the first file written
    const main = files.includes('report.html') ? 'report.html' : files[0];
    if (main !== undefined) {
      const others = files.filter((f) => f !== main);
      interruption.stdout.write(
        `reports: ${join(shown, main)}${others.length ? ` (also ${others.join(', ')})` : ''}\n`,
      );
    }
    const where = main !== undefined ? join(shown, main) : 'the output above (no report file is configured)';
    const { failed, total, skipped } = result.value.summary;
    if (result.value.interrupted) {
      return {
        ok: false,
        exitCode: interruption.exitCode(),
        reason: `interrupted (${result.value.interrupted}): ${total - skipped} of ${total} scenarios ran, the others are marked skipped in ${where}`,
      };
    }
    return failed === 0 ? done : runtimeFailure(`${failed} of ${total} scenarios failed: see ${where}`);
  } finally {
    interruption.dispose();
  }
}
