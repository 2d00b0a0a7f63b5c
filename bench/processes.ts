import { type ChildProcess, spawn } from 'node:child_process';
import { packageRoot } from './paths.js';

export interface SpawnedServer {
  url: string;
  /** ms from spawn to the first stdout line */
  startupMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

const URL_IN_LINE = /listening on (http:\/\/\S+)/;

/**
 * Spawns `node <script> …args` and resolves once its first stdout line says `listening on http://…`.
 * The child gets its own process (and so its own core on a 2-core machine).
 */
export function spawnServer(script: string, args: readonly string[] = [], timeoutMs = 15_000): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const timer = setTimeout(
      () => finish(new Error(`${script}: no "listening on" line within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function finish(error: Error | undefined, url?: string, startupMs?: number) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
        return;
      }
      resolve({
        url: url as string,
        startupMs: startupMs as number,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    }
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const elapsed = performance.now() - started;
      const m = URL_IN_LINE.exec(out.slice(0, nl));
      if (!m) finish(new Error(`${script}: unexpected first line ${JSON.stringify(out.slice(0, nl))}`));
      else finish(undefined, m[1], elapsed);
    });
    child.on('exit', (code) => finish(new Error(`${script} exited (${code}) before listening: ${err.trim()}`)));
  });
}

/** Runs `node <script> …args` to completion and returns its stdout (rejects on a non-zero exit). */
export function runToCompletion(script: string, args: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err.trim()}`)),
    );
  });
}
