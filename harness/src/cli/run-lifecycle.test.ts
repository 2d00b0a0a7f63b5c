/**
 * `alimock run` from outside, when things go wrong around the run: a stale backend already on the target's port, a
 * target command that dies at start-up, Ctrl-C / SIGTERM / SIGKILL / a closed pipe in the middle of the run. Nothing
 * is left running, nothing stale is left in the report folder, and what could be written is written.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../core/types.js';
import { BIN, ensureBuilt, runCli } from '../test-support/built-cli.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('run-lifecycle');
beforeAll(() => ensureBuilt());
afterAll(() => dirs.cleanup());

/** A backend script: health 200, every phone answer after `delayMs`; writes its pid to `pidFile`; prints its URL. */
const BACKEND = `
const http = require('node:http');
const fs = require('node:fs');
const [pidFile, delayMs] = process.argv.slice(2);
fs.writeFileSync(pidFile, String(process.pid));
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  req.resume();
  setTimeout(() => res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":{"code":"AUTH_REQUIRED"}}'), Number(delayMs));
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function project(delayMs: number, extra = ''): { dir: string; pidFile: string } {
  const dir = dirs.make();
  const pidFile = join(dir, 'target.pid');
  writeFileSync(join(dir, 'backend.cjs'), BACKEND);
  writeFileSync(
    join(dir, 'alimock.config.mjs'),
    `export default { driver: 'http', workers: 1, reportDir: 'out', ${extra}
      target: { command: ${JSON.stringify(`"${process.execPath}" backend.cjs ${pidFile} ${delayMs}`)} } };\n`,
  );
  return { dir, pidFile };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/** Spawns the CLI in `cwd`; resolves once stdout shows `marker`. */
function spawnUntil(
  cwd: string,
  args: string[],
  marker: RegExp,
): Promise<{ child: ChildProcess; out: () => string; err: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ALIMOCK_DEBUG: '' },
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(
      () => reject(new Error(`no ${marker} within 30 s; stdout: ${out}; stderr: ${err}`)),
      30_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (marker.test(out)) {
        clearTimeout(timer);
        resolve({ child, out: () => out, err: () => err });
      }
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe.concurrent('alimock run: the target around the run', () => {
  let stale: Server;
  beforeAll(async () => {
    stale = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => stale.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => stale.close(() => r())));

  it('refuses when target.url is already taken by a stale backend (exit 2, one line), and starts nothing', async () => {
    const { dir, pidFile } = project(0);
    const port = (stale.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'alimock.config.mjs'),
      `export default { driver: 'http', reportDir: 'out', target: { url: 'http://127.0.0.1:${port}', command: ${JSON.stringify(`"${process.execPath}" backend.cjs ${pidFile} 0`)} } };\n`,
    );
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^alimock: .*target\.url http:\/\/127\.0\.0\.1:\d+ is already taken before target\.command started: a stale backend/,
    );
    expect(existsSync(pidFile)).toBe(false);
  });

  it('a command that dies at start-up: first error and last 20 lines on the console, the whole output in target.log; the old report is gone', async () => {
    const dir = dirs.make();
    const lines = Array.from({ length: 40 }, (_, i) => `console.log('boot line ${i + 1}');`).join('');
    writeFileSync(
      join(dir, 'dies.cjs'),
      `${lines} console.error('Error: cannot connect to database at db:5432'); console.log('    at Object.<anonymous> (dies.cjs:2:9)'); process.exit(1);`,
    );
    writeFileSync(
      join(dir, 'alimock.config.mjs'),
      `export default { driver: 'http', reportDir: 'out', target: { command: ${JSON.stringify(`"${process.execPath}" dies.cjs`)} } };\n`,
    );
    // a previous run's passing report must not survive this one
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'report.json'), '{"summary":{"failed":0}}');
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(2);
    const err = r.stderr.split('\n');
    expect(err[0]).toMatch(
      /exited \(code 1\) before it was ready; first error: Error: cannot connect to database at db:5432 \(whole output: .*target\.log\)/,
    );
    expect(err[1]).toBe('last 20 lines of its output:');
    expect(err.slice(2, 22).every((l) => l.startsWith('  | '))).toBe(true);
    const tail = err.slice(2, 22).join('\n');
    expect(tail).toContain('at Object.<anonymous>');
    expect(tail).toContain('boot line 40');
    expect(r.stderr).not.toContain('boot line 20\n');
    const log = readFileSync(join(out, 'target.log'), 'utf8');
    expect(log).toContain('boot line 1\n');
    expect(log).toContain('boot line 40\n');
    expect(log).toContain('cannot connect to database');
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });
});

describe.concurrent('alimock run: interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s mid-run: exit %i, no stack trace, all four reports with the unrun scenarios skipped, the target stopped',
    async (sig, code) => {
      const { dir, pidFile } = project(300);
      const run = await spawnUntil(dir, ['run', '--groups', 'faq'], /\[\s*2\/16\]/);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(alive(pid)).toBe(true);
      run.child.kill(sig);
      expect(await exitOf(run.child)).toBe(code);
      expect(run.err()).not.toMatch(/\n\s+at /);
      expect(run.err()).toMatch(new RegExp(`^alimock: interrupted \\(${sig}\\): \\d+ of 16 scenarios ran`, 'm'));
      for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md'])
        expect(existsSync(join(dir, 'out', f)), f).toBe(true);
      const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as RunReport;
      expect(report.interrupted).toBe(sig);
      expect(report.summary.total).toBe(16);
      expect(report.summary.skipped).toBeGreaterThan(0);
      const skipped = report.scenarios.filter((s) => s.status === 'skipped');
      expect(skipped.every((s) => /^interrupted \(SIG(INT|TERM)\)/.test(s.skipReason ?? ''))).toBe(true);
      expect(await gone(pid, 5_000)).toBe(true);
    },
  );

  it('SIGKILL mid-run: the target dies with it (the watchdog notices)', async () => {
    const { dir, pidFile } = project(300);
    const run = await spawnUntil(dir, ['run', '--groups', 'faq'], /\[\s*1\/16\]/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    run.child.kill('SIGKILL');
    await exitOf(run.child);
    expect(await gone(pid, 6_000)).toBe(true);
  });

  it('| head (the output closes): no EPIPE stack, exit 141, reports written, target stopped', async () => {
    const { dir, pidFile } = project(200);
    const run = await spawnUntil(dir, ['run', '--groups', 'faq'], /Running 16 scenarios/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    run.child.stdout?.destroy();
    expect(await exitOf(run.child)).toBe(141);
    expect(run.err()).not.toMatch(/Error: write EPIPE|\n\s+at /);
    expect(run.err()).toMatch(/^alimock: interrupted \(output closed\)/m);
    expect(existsSync(join(dir, 'out', 'report.json'))).toBe(true);
    expect(await gone(pid, 5_000)).toBe(true);
  });

  it('a normal end prints where the reports are', async () => {
    const { dir, pidFile } = project(0);
    const r = await runCli(['run', '--grep', '^faq1-no-consent$'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reports: out\/report\.html \(also report\.json, junit\.xml, summary\.md\)$/m);
    expect(await gone(Number(readFileSync(pidFile, 'utf8')), 5_000)).toBe(true);
  });
});
