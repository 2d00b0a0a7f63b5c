import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeys, makeEnvelope, PLAINTEXTS } from '../../examples/test-support/make-envelope.js';
import { ensureBuilt, ROOT } from '../../harness/src/test-support/built-cli.js';
import { packageRoot, resolveServerConfig } from './config.js';
import { startReferenceBackend } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));
const keys = generateTestKeys();
const keysDir = mkdtempSync(join(tmpdir(), 'rb-server-'));
writeFileSync(join(keysDir, 'alipay-public.txt'), `${keys.alipayPublicKeyBase64}\n`);
writeFileSync(join(keysDir, 'aes.txt'), `${keys.aesKey}\n`);
writeFileSync(join(keysDir, 'app-public.txt'), `${keys.appPublicKeyBase64}\n`);
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

function postPhone(url: string, envelope: string) {
  return fetch(`${url}/api/alipay/phone`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encryptedData: envelope }),
  });
}

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs a built entry point (what the package ships and `npm run demo` starts), with a fresh environment. */
function spawnBuilt(entry: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: join(here, '../..'),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    resolveLine = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const newline = stdout.indexOf('\n');
    if (newline >= 0) resolveLine(stdout.slice(0, newline));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => {
      resolveLine(stdout);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, firstLine, exit };
}

describe('startReferenceBackend (in process)', () => {
  it('listens on loopback, answers, and closes', async () => {
    const started = await startReferenceBackend({ alipayPublicKey: keys.alipayPublicKeyPem, aesKey: keys.aesKey });
    try {
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${started.url}/healthz`)).json()).toEqual({ ok: true });
      const res = await postPhone(started.url, makeEnvelope(PLAINTEXTS.success('13800138000'), keys));
      expect(await res.json()).toEqual({ mobile: '13800138000' });
    } finally {
      await started.close();
    }
    await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
  });
});

const committedKeys = join(packageRoot(here), 'keys');
describe.skipIf(!existsSync(join(committedKeys, 'alipay-private.pem')))('with the committed keys/ folder', () => {
  it('the default KEYS_DIR is the package keys/ and its envelopes verify and decrypt', async () => {
    const resolved = resolveServerConfig({});
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    const started = await startReferenceBackend({ ...resolved.config.keys, requireSignature: true });
    try {
      const envelope = makeEnvelope(PLAINTEXTS.success('13700001111'), {
        alipayPrivateKey: readFileSync(join(committedKeys, 'alipay-private.pem'), 'utf8'),
        aesKey: resolved.config.keys.aesKey,
      });
      expect(await (await postPhone(started.url, envelope)).json()).toEqual({ mobile: '13700001111' });
    } finally {
      await started.close();
    }
  });
});

describe('CLI entry points', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  const reference = join(ROOT, 'dist/reference-backend/src/server.js');
  const broken = join(ROOT, 'dist/examples/broken-backends/server.js');

  it('reference: first line is the URL, serves, exits 0 on SIGTERM', async () => {
    const run = spawnBuilt(reference, [], { KEYS_DIR: keysDir });
    const line = await run.firstLine;
    const match = /^reference backend listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const url = match![1]!;
    const res = await postPhone(url, makeEnvelope(PLAINTEXTS.success('13800138000'), keys));
    expect(await res.json()).toEqual({ mobile: '13800138000' });
    run.child.kill('SIGTERM');
    const exit = await run.exit;
    expect(exit.code).toBe(0);
    expect(exit.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('reference: honours REQUIRE_SIGNATURE=false and exits 0 on SIGINT', async () => {
    const run = spawnBuilt(reference, [], { KEYS_DIR: keysDir, REQUIRE_SIGNATURE: 'false' });
    const url = /(http:\/\/\S+)$/.exec(await run.firstLine)![1]!;
    const res = await postPhone(url, makeEnvelope(PLAINTEXTS.success('13800138000'), keys, { signed: false }));
    expect(await res.json()).toEqual({ mobile: '13800138000' });
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
  });

  it('reference: missing keys → one line on stderr, exit 2', async () => {
    const exit = await spawnBuilt(reference, [], { KEYS_DIR: join(keysDir, 'nope') }).exit;
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('broken: starts the named backend with its own first line', async () => {
    const run = spawnBuilt(broken, ['busy-not-retryable'], { KEYS_DIR: keysDir });
    const line = await run.firstLine;
    const match = /^broken backend busy-not-retryable listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const res = await postPhone(match![1]!, makeEnvelope(PLAINTEXTS.busy, keys));
    expect(res.status).toBe(502);
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
  });

  it('broken: unknown name → one stderr line listing the names, exit 2', async () => {
    const exit = await spawnBuilt(broken, ['no-such-bug'], { KEYS_DIR: keysDir }).exit;
    expect(exit.code).toBe(2);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('no-quotes');
    expect(lines[0]).toContain('decrypt-before-verify');
  });
});
