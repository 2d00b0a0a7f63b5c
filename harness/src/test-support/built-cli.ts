/**
 * The built `alimock` bin, for tests that spawn it from outside. `ensureBuilt()` builds what changed when dist/ is
 * missing or stale (`npm test` builds first, so normally it does nothing).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(ROOT, 'dist/harness/src/cli/main.js');

let built = false;

/**
 * Builds dist/ if it is missing or stale, as `npm run build:changed` does (scripts/build-changed.mjs decides, once per
 * test process); throws (a setup error) when the bin still does not exist.
 */
export function ensureBuilt(): void {
  if (!built) {
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/build-changed.mjs')], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // type errors elsewhere still emit JavaScript; the check below decides
    }
    built = true;
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Spawns `node BIN …args` (stdin: `opts.stdin`, then closed) and collects its output; rejects only if it outlives `timeoutMs` (then it is killed). */
export function runCli(
  args: string[],
  opts: {
    cwd?: string;
    timeoutMs?: number;
    env?: Record<string, string | undefined>;
    stdin?: string;
    /** another built script than the bin (e.g. dist/harness/src/setup/demo.js) */
    script?: string;
  } = {},
): Promise<CliRun> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [opts.script ? join(ROOT, opts.script) : BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ALIMOCK_DEBUG: '', NO_COLOR: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`alimock ${args.join(' ')} did not finish in ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Math.round(performance.now() - t0) });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
