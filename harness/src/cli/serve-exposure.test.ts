/**
 * `alimock serve` when others can reach it (--host beyond loopback, --token, --target), and bounded key files for
 * serve and mint. Spawns the built bin, like cli.test.ts.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKeysDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { ensureBuilt, runCli } from '../test-support/built-cli.js';
import { type Serving, spawnServe, stopServe } from '../test-support/spawn-serve.js';

/** `alimock serve …`, once its start-up lines are out (stderr's warning follows them: give it a moment). */
async function serve(args: string[]): Promise<Serving> {
  const s = await spawnServe(args, { ready: (out) => /^stub page /m.test(out) });
  await new Promise((r) => setTimeout(r, 100));
  return s;
}

const stop = stopServe;

let work: string;
let target: Server;
let targetUrl: string;

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'alimock-serve-'));
  target = createServer((_req, res) => res.end('{"from":"target"}'));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await new Promise((r) => target.close(r));
});

describe.concurrent('alimock serve beyond loopback', () => {
  it('--host 0.0.0.0 without --token: a token is generated, printed, required; a warning on stderr', async () => {
    const s = await serve(['--host', '0.0.0.0']);
    try {
      const out = s.stdout().split('\n');
      expect(out[0]).toMatch(/^alimock gateway listening on http:\/\/0\.0\.0\.0:\d+$/);
      const token = /^token (\S+) \(generated; send "authorization: Bearer \1"/.exec(out[1] ?? '')?.[1];
      expect(token, s.stdout()).toBeDefined();
      expect(out[2]).toContain(`/stub/?token=${token}`);
      expect(s.stderr()).toMatch(
        /^alimock: warning: listening on 0\.0\.0\.0, reachable from other machines: the admin API, the bridges and the stub page need the token printed above/,
      );
      const local = s.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${local}/__admin/sessions`)).status).toBe(401);
      expect((await fetch(`${local}/stub/`)).status).toBe(401);
      const ok = await fetch(`${local}/__admin/sessions`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect((await fetch(`${local}/__admin/health`)).status).toBe(200);
    } finally {
      await stop(s.child);
    }
  });

  it('--token is used as given; on loopback there is no warning', async () => {
    const s = await serve(['--token', 'my-own-token-42']);
    try {
      expect(s.stdout()).toContain('token my-own-token-42 (send "authorization: Bearer my-own-token-42"');
      expect(s.stderr()).toBe('');
      const res = await fetch(`${s.url}/__admin/sessions`, { headers: { 'x-alimock-token': 'my-own-token-42' } });
      expect(res.status).toBe(200);
    } finally {
      await stop(s.child);
    }
  });

  it('a loopback serve prints no token and needs none (unchanged)', async () => {
    const s = await serve([]);
    try {
      expect(s.stdout()).not.toMatch(/^token /m);
      expect((await fetch(`${s.url}/__admin/sessions`)).status).toBe(200);
    } finally {
      await stop(s.child);
    }
  });

  it('a bad --token or --target is a one-line misuse (exit 2)', async () => {
    const short = await runCli(['serve', '--token', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^alimock: --token: a token is 8-256 characters of A-Z a-z 0-9 \. _ ~ -/);
    const bad = await runCli(['serve', '--target', 'ftp://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target/);
  });
});

describe('alimock serve --target', () => {
  it('the bridge reaches the targets given, and no other loopback origin', async () => {
    const s = await serve(['--target', targetUrl]);
    try {
      const post = (url: string) =>
        fetch(`${s.url}/stub/request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url }),
        });
      const ok = await post(`${targetUrl}/x`);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { data: unknown }).data).toEqual({ from: 'target' });
      expect((await post('http://127.0.0.1:1/x')).status).toBe(403);
    } finally {
      await stop(s.child);
    }
  });
});

describe('key files are read bounded', () => {
  it('serve and mint with aes.txt → /dev/zero: one line, exit 2, at once', async () => {
    const dir = join(work, 'zero-keys');
    cpSync(defaultKeysDir(), dir, { recursive: true });
    rmSync(join(dir, 'aes.txt'));
    symlinkSync('/dev/zero', join(dir, 'aes.txt'));
    for (const command of ['serve', 'mint']) {
      const r = await runCli([command, '--keys', dir], { timeoutMs: 20_000 });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /^alimock: .*aes\.txt: is not a regular file \(a device, pipe or socket\): give a file\n$/,
      );
    }
  });
});
