import type { CommandResult } from './command-result.js';
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

/** Placeholder: the lead replaces this module with the scenario runner. */
export async function runCommand(_opts: RunOptions): Promise<CommandResult> {
  return { ok: false, exitCode: 2, reason: 'run: not implemented yet' };
}
