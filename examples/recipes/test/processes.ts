/** Child processes for the recipe tests: run a command to completion, or start a backend and stop its process group. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Command {
  cmd: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

/** Runs a command to its end (never rejects on a non-zero exit; only if it cannot be spawned). */
export function run(c: Command, timeoutMs = 180_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(c.cmd, c.args, {
      cwd: c.cwd,
      env: { ...process.env, ...c.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** True when the command exits 0 (a runtime probe). */
export async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    return (await run({ cmd, args, cwd: process.cwd() }, 30_000)).code === 0;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Started {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      // a server's workers (PHP) may outlive their parent: end the whole group
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // nothing left
      }
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

/** Starts `run.sh <port> <keys dir>` in its own process group and waits for GET /healthz → 200. */
export async function startBackend(c: Command, readyTimeoutMs = 120_000): Promise<Started> {
  const port = Number(c.args.at(-2));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(c.cmd, c.args, {
    cwd: c.cwd,
    env: { ...process.env, ...c.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const started: Started = { url, output: () => output, stop: () => stopGroup(child) };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`run.sh exited with ${child.exitCode}: ${output}`);
    if (await healthy(url)) return started;
    await new Promise((r) => setTimeout(r, 100));
  }
  await started.stop();
  throw new Error(`no GET /healthz → 200 at ${url} within ${readyTimeoutMs} ms: ${output}`);
}
