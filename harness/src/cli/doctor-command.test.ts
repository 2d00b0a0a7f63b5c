import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { mint, testKeys } from '../doctor/test/payloads.js';
import type { Diagnosis } from '../doctor/types.js';
import { ensureBuilt, ROOT, runCli } from '../test-support/built-cli.js';
import { doctorCommand } from './doctor-command.js';

const KEYS = join(ROOT, 'keys');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function doctor(args: string[], opts: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Ran> {
  return runCli(['doctor', ...args], {
    timeoutMs: 30_000,
    env: { FORCE_COLOR: undefined, ...opts.env },
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
  });
}

function expectMisuse(r: Ran, mentions: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^alimock: /);
  expect(lines[0]).toMatch(mentions);
}

let keys: KeyMaterial;
let work: string;

beforeAll(() => {
  ensureBuilt();
  keys = testKeys();
  work = mkdtempSync(join(tmpdir(), 'alimock-doctor-'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('alimock doctor', () => {
  it('a fine payload as the argument, keys from --keys: exit 0, a plain report', async () => {
    const r = await doctor([mint(keys), '--keys', KEYS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ verify');
    expect(r.stdout).toContain('plaintext: {"code":"10000","msg":"Success","mobile":"138****8000"}');
    expect(r.stdout).not.toContain('13800138000');
    expect(r.stdout).toMatch(/✓ the payload is fine/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--file and stdin read the payload the same way', async () => {
    const file = join(work, 'payload.json');
    writeFileSync(file, `${JSON.stringify({ encryptedData: mint(keys) })}\n`);
    const fromFile = await doctor(['--file', file, '--keys', KEYS]);
    expect(fromFile.code, fromFile.stdout).toBe(0);
    expect(fromFile.stdout).toContain('[wrapped-body]');
    const fromStdin = await doctor(['--keys', KEYS], { stdin: mint(keys) });
    expect(fromStdin.code, fromStdin.stdout).toBe(0);
    const dash = await doctor(['--file', '-', '--keys', KEYS], { stdin: mint(keys) });
    expect(dash.code).toBe(0);
  });

  it('a problem: exit 1, the finding and its fix on stdout', async () => {
    const r = await doctor([mint(keys, 'success', 'unsigned'), '--keys', KEYS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✗ sign .*FAQ, Q5/);
    expect(r.stdout).toContain('→ 开放平台控制台');
    expect(r.stdout).toMatch(/✗ problem found: missing-sign/);
  });

  it('--json prints the Diagnosis', async () => {
    const fine = await doctor([mint(keys), '--keys', KEYS, '--json']);
    expect(fine.code).toBe(0);
    const d = JSON.parse(fine.stdout) as Diagnosis;
    expect(d.ok).toBe(true);
    expect(d.answer).toEqual({ accepted: true, http: 200, mobile: '13800138000' });
    const bad = await doctor([mint(keys, '40003'), '--keys', KEYS, '--json']);
    expect(bad.code).toBe(1);
    const b = JSON.parse(bad.stdout) as Diagnosis;
    expect(b.ok).toBe(false);
    expect(b.answer).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it('key flags take text, @file or a file path; flags win over --keys', async () => {
    const appTxt = join(KEYS, 'app-public.txt');
    const r = await doctor([mint(keys), '--keys', KEYS, '--alipay-public-key', appTxt, '--json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as Diagnosis;
    expect(d.steps.map((s) => s.finding)).toContain('app-key-as-alipay-key');
    const at = await doctor([
      mint(keys),
      '--alipay-public-key',
      `@${join(KEYS, 'alipay-public.txt')}`,
      '--aes-key',
      keys.aesKey,
    ]);
    expect(at.code, at.stdout).toBe(0);
  });

  it('--keys DIR as a backend holds it: only the public key, AES key and app key', async () => {
    const dir = join(work, 'backend-keys');
    mkdirSync(dir);
    for (const f of ['alipay-public.txt', 'aes.txt', 'app-public.txt']) copyFileSync(join(KEYS, f), join(dir, f));
    const r = await doctor([mint(keys), '--keys', dir]);
    expect(r.code, r.stdout).toBe(0);
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR', async () => {
    const coloured = await doctor([mint(keys), '--keys', KEYS], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await doctor([mint(keys), '--keys', KEYS], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('misuse: exit 2 with one line', async () => {
    expectMisuse(await doctor(['--file', join(work, 'nope.json')]), /--file .*nope\.json: no such file/);
    expectMisuse(await doctor([mint(keys), '--keys', join(work, 'nope')]), /--keys .*: not a directory/);
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expectMisuse(await doctor([mint(keys), '--keys', empty]), /holds none of alipay-public\.txt, aes\.txt/);
    expectMisuse(await doctor([mint(keys), '--aes-key', `@${join(work, 'missing.txt')}`]), /--aes-key .*no such file/);
    expectMisuse(await doctor([], { stdin: '  \n' }), /the payload is empty/);
    expectMisuse(await doctor(['{}', '--file', 'x.json']), /either as an argument or with --file/);
  });
});

describe('doctorCommand in process', () => {
  it('with no payload and stdin a terminal, says how to pass one (exit 2)', async () => {
    const before = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true });
    try {
      const r = await doctorCommand({});
      expect(r).toEqual({
        ok: false,
        exitCode: 2,
        reason: expect.stringMatching(/no payload given: .*--file FILE.*stdin/),
      });
    } finally {
      if (before) Object.defineProperty(process.stdin, 'isTTY', before);
      else delete (process.stdin as { isTTY?: boolean }).isTTY;
    }
  });
});
