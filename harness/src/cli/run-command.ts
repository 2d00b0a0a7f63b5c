import { loadConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { runSuite } from '../run/run-suite.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';
import type { Shard } from './parse-args.js';

/** Flags of `alimock run` (DESIGN §7), already validated by `main.ts`. */
export interface RunOptions {
  config?: string;
  /** backend base URL without a trailing slash; none → start the reference backend */
  target?: string;
  driver?: 'browser' | 'http';
  grep?: RegExp;
  /** default alimock-report/ */
  reportDir?: string;
  shard?: Shard;
  workers?: number;
}

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
      ...(opts.reportDir !== undefined ? { reportDir: opts.reportDir } : {}),
      ...(opts.shard !== undefined ? { shard: `${opts.shard.index}/${opts.shard.total}` } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    },
    loaded.value.dir,
  );
  if (!resolved.ok) return usageFailure(`${loaded.value.path ? `${loaded.value.path}: ` : ''}${resolved.reason}`);
  const result = await runSuite(resolved.value);
  if (!result.ok) return usageFailure(result.reason);
  const { failed, total } = result.value.summary;
  return failed === 0
    ? done
    : runtimeFailure(`${failed} of ${total} scenarios failed: see ${resolved.value.reportDir}/report.html`);
}
