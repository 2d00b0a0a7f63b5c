/**
 * `alimock …` run inside the test process: `main(args)` with stdout and stderr captured, stdin given, the
 * environment overridden and the exit code read back — for commands whose work is not about the process boundary
 * (the doctor, mint, vectors, `run` when it is misused or runs over http). A spawned `node bin` costs 0.15 s of CPU before the command starts; this costs
 * nothing. Tests of the bin itself, of signals, of real devices on stdin or of Chromium runs spawn it (built-cli.ts).
 */
import { Readable } from 'node:stream';
import { main } from '../cli/program.js';
import type { CliRun } from './built-cli.js';

type Write = typeof process.stdout.write;

/** One command at a time: they share the process's streams. */
let running: Promise<unknown> = Promise.resolve();

export interface InProcessOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** the working directory for the command (restored afterwards) */
  cwd?: string;
}

export function runCliInProcess(args: string[], opts: InProcessOptions = {}): Promise<CliRun> {
  const run = running.then(() => runNow(args, opts));
  running = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], opts: InProcessOptions): Promise<CliRun> {
  const t0 = performance.now();
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (into: string[]): Write =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const env: Record<string, string | undefined> = { ALIMOCK_DEBUG: '', NO_COLOR: '1', ...opts.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedStdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  const { write: stdoutWrite } = process.stdout;
  const { write: stderrWrite } = process.stderr;
  const savedExitCode = process.exitCode;
  const savedCwd = process.cwd();
  process.exitCode = undefined;
  if (opts.cwd !== undefined) process.chdir(opts.cwd);
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  Object.defineProperty(process, 'stdin', {
    value: Readable.from([Buffer.from(opts.stdin ?? '', 'utf8')]),
    configurable: true,
  });
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    await main(args);
    const code = process.exitCode;
    return {
      code: typeof code === 'number' ? code : Number(code ?? 0),
      stdout: out.join(''),
      stderr: err.join(''),
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (savedStdin) Object.defineProperty(process, 'stdin', savedStdin);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
  }
}
