/**
 * The built `alimock serve …` as a child process, for tests that click through it or check what it prints: resolves
 * once `ready(stdout)` holds (rejects if serve exits first); `stopServe` ends it with SIGTERM and waits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, ROOT } from './built-cli.js';

export interface Serving {
  child: ChildProcess;
  /** the address of the first line, `alimock gateway listening on URL` */
  url: string;
  stdout: () => string;
  stderr: () => string;
}

export function spawnServe(
  args: string[],
  opts: { cwd?: string; ready?: (stdout: string) => boolean } = {},
): Promise<Serving> {
  const ready = opts.ready ?? ((out: string) => /^playground /m.test(out));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: opts.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      const url = /^alimock gateway listening on (http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (url && ready(stdout)) done({ child, url, stdout: () => stdout, stderr: () => stderr });
    });
    child.on('exit', (code) => fail(new Error(`serve exited early (${code}): ${stderr}`)));
  });
}

export function stopServe(child: ChildProcess | undefined): Promise<void> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
