/**
 * The target command runs under a tiny watchdog process, so that it never outlives `alimock run`, whatever ends the
 * run: the watchdog starts the command in its own process group and stops that whole group (SIGTERM, then SIGKILL
 * after a grace period) when alimock asks (SIGTERM/SIGINT), when the command exits (stragglers it left), or when
 * alimock is gone — its stdin is a pipe from alimock, which the system closes even after a SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** Grace period between SIGTERM and SIGKILL of the target's process group. */
export const STOP_GRACE_MS = 3_000;

/** The watchdog itself (plain JavaScript run with `node -e`): no file to ship, no build step. */
const WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const command = process.env.ALIMOCK_TARGET_COMMAND;
const grace = Number(process.env.ALIMOCK_TARGET_GRACE_MS) || 3000;
delete process.env.ALIMOCK_TARGET_COMMAND;
delete process.env.ALIMOCK_TARGET_GRACE_MS;
const child = spawn(command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const group = (sig) => { try { process.kill(-child.pid, sig); } catch {} };
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  group('SIGTERM');
  setTimeout(() => { group('SIGKILL'); process.exit(0); }, grace);
};
child.on('error', (e) => { process.stderr.write('alimock: the target command failed to start: ' + e.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => {
  group('SIGKILL');
  process.exit(stopping ? 0 : code ?? 128);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.on('close', stop);
process.stdin.resume();
`;

export interface WatchedCommand {
  command: string;
  cwd?: string;
  env: NodeJS.ProcessEnv;
}

/** Starts `command` under the watchdog; stdout/stderr are the command's. */
export function spawnWatched(opts: WatchedCommand): ChildProcess {
  return spawn(process.execPath, ['-e', WATCHDOG_SOURCE], {
    cwd: opts.cwd,
    env: { ...opts.env, ALIMOCK_TARGET_COMMAND: opts.command, ALIMOCK_TARGET_GRACE_MS: String(STOP_GRACE_MS) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Asks the watchdog to stop the target's process group, and waits for it (SIGKILL if it does not go). */
export function stopWatched(watchdog: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (watchdog.exitCode !== null || watchdog.signalCode !== null) return resolve();
    const timer = setTimeout(() => watchdog.kill('SIGKILL'), STOP_GRACE_MS + 2_000);
    watchdog.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    watchdog.kill('SIGTERM');
  });
}
