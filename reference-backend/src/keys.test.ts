import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveServerConfig } from './config.js';
import { loadKeys, parseAesKey, parsePublicKey } from './keys.js';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spkiBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const spkiPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const pkcs1Pem = publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
const pkcs1Base64 = publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64');
const aes = randomBytes(16).toString('base64');

const dirs: string[] = [];
function keysDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-keys-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('parsePublicKey', () => {
  it.each([
    ['bare Base64 SPKI (console format)', spkiBase64],
    ['bare Base64 wrapped over lines', spkiBase64.replace(/(.{64})/g, '$1\n')],
    ['SPKI PEM', spkiPem],
    ['PKCS#1 PEM', pkcs1Pem],
    ['bare Base64 PKCS#1', pkcs1Base64],
    ['PEM after a comment line', `# for tests only\n${spkiPem}`],
  ])('accepts %s', (_name, text) => {
    const parsed = parsePublicKey(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.key.export({ format: 'der', type: 'spki' }).toString('base64')).toBe(spkiBase64);
  });

  it.each([
    ['empty', ''],
    ['not Base64', 'hello world!'],
    ['Base64 garbage', 'AAAAAAAA'],
    [
      'an EC key',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    ],
  ])('rejects %s', (_name, text) => {
    expect(parsePublicKey(text).ok).toBe(false);
  });
});

describe('parseAesKey', () => {
  it('decodes Base64 of 16/24/32 bytes, trimming whitespace', () => {
    for (const length of [16, 24, 32]) {
      const raw = randomBytes(length);
      const parsed = parseAesKey(`  ${raw.toString('base64')}\n`);
      expect(parsed.ok && parsed.key.equals(raw)).toBe(true);
    }
  });

  it.each([
    ['empty', ''],
    ['not Base64', 'this is not a key!!!!!!!'],
    ['15 bytes', randomBytes(15).toString('base64')],
    ['Base64 without padding', aes.replace(/=+$/, '')],
  ])('rejects %s', (_name, text) => {
    expect(parseAesKey(text).ok).toBe(false);
  });
});

describe('loadKeys', () => {
  it('reads alipay-public.txt and aes.txt (and app-public.txt when present)', () => {
    const dir = keysDir({
      'alipay-public.txt': `${spkiBase64}\n`,
      'aes.txt': `${aes}\n`,
      'app-public.txt': spkiBase64,
    });
    expect(loadKeys(dir)).toEqual({
      ok: true,
      keys: { alipayPublicKey: `${spkiBase64}\n`, aesKey: aes, appPublicKey: spkiBase64 },
    });
  });

  it('falls back to alipay-public.pem, and app-public.pem', () => {
    const dir = keysDir({ 'alipay-public.pem': spkiPem, 'aes.txt': aes, 'app-public.pem': pkcs1Pem });
    const loaded = loadKeys(dir);
    expect(loaded.ok && loaded.keys.alipayPublicKey).toBe(spkiPem);
    expect(loaded.ok && loaded.keys.appPublicKey).toBe(pkcs1Pem);
  });

  it('ignores # comment lines in aes.txt', () => {
    const loaded = loadKeys(keysDir({ 'alipay-public.txt': spkiBase64, 'aes.txt': `# test only\n${aes}\n` }));
    expect(loaded.ok && loaded.keys.aesKey).toBe(aes);
  });

  it('says which file is missing', () => {
    expect(loadKeys(keysDir({ 'aes.txt': aes }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/alipay-public/),
    });
    expect(loadKeys(keysDir({ 'alipay-public.txt': spkiBase64 }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/aes\.txt/),
    });
  });

  it('overrides win and make the files unnecessary', () => {
    const loaded = loadKeys(keysDir({}), { alipayPublicKey: spkiPem, aesKey: aes });
    expect(loaded).toEqual({ ok: true, keys: { alipayPublicKey: spkiPem, aesKey: aes } });
  });
});

describe('resolveServerConfig', () => {
  const dir = keysDir({ 'alipay-public.txt': spkiBase64, 'aes.txt': aes });

  it('defaults: signature required, 127.0.0.1, port 0', () => {
    expect(resolveServerConfig({ KEYS_DIR: dir })).toEqual({
      ok: true,
      config: {
        keys: { alipayPublicKey: spkiBase64, aesKey: aes },
        requireSignature: true,
        host: '127.0.0.1',
        port: 0,
      },
    });
  });

  it('reads the environment overrides', () => {
    const other = randomBytes(16).toString('base64');
    const resolved = resolveServerConfig({
      KEYS_DIR: keysDir({}),
      ALIPAY_PUBLIC_KEY: spkiPem,
      ALIPAY_AES_KEY: other,
      APP_PUBLIC_KEY: spkiBase64,
      REQUIRE_SIGNATURE: 'false',
      PORT: '8123',
      HOST: '::1',
    });
    expect(resolved).toEqual({
      ok: true,
      config: {
        keys: { alipayPublicKey: spkiPem, aesKey: other, appPublicKey: spkiBase64 },
        requireSignature: false,
        host: '::1',
        port: 8123,
      },
    });
  });

  it.each([
    ['PORT not a number', { PORT: 'eighty' }],
    ['PORT too large', { PORT: '70000' }],
    ['REQUIRE_SIGNATURE unclear', { REQUIRE_SIGNATURE: 'maybe' }],
    ['no keys', { KEYS_DIR: '/nonexistent-keys-dir' }],
  ])('rejects %s with a reason', (_name, env) => {
    const resolved = resolveServerConfig({ KEYS_DIR: dir, ...env });
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.reason.length).toBeGreaterThan(0);
  });
});
