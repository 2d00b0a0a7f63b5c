/**
 * The built `alimock` bin, for tests that spawn it from outside. `ensureBuilt()` runs tsc when dist/ is
 * missing or older than the sources (`npm test` builds first, so normally it does nothing).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(ROOT, 'dist/harness/src/cli/main.js');
/** written by every incremental build (`npm run build:changed`), also when the bin's own output did not change */
const BUILD_INFO = join(ROOT, 'dist/tsconfig.build.tsbuildinfo');

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ if it is missing or stale; throws (a setup error) when the bin still does not exist. */
export function ensureBuilt(): void {
  const sources = Math.max(
    ...['harness/src', 'mock-gateway/src', 'mini-program/src', 'scenarios', 'examples', 'reference-backend'].map((d) =>
      newestSource(join(ROOT, d)),
    ),
  );
  // the last build: the bin's own output, or the build info an incremental build rewrites whenever a source changed
  // (comparing the bin alone rebuilt everything, 17 CPU s, in every `npm test` after an edit elsewhere)
  if (!existsSync(BIN) || Math.max(mtime(BIN), mtime(BUILD_INFO)) < sources) {
    try {
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch {
      // type errors elsewhere still emit JavaScript; the check below decides
    }
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
