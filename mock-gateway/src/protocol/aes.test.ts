import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesDecrypt, aesDecryptWithKey, aesEncrypt, decodeAesKey } from './aes.js';

const PLAIN = '{"code":"10000","msg":"Success","mobile":"13800138000"}';

/** An independent encryption with node:crypto, to compare bytes. */
function reference(plaintext: string | Buffer, key: Buffer): string {
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
}

describe('decodeAesKey', () => {
  it.each([16, 24, 32])('accepts %i-byte keys', (n) => {
    const key = randomBytes(n);
    expect(decodeAesKey(key.toString('base64'))).toEqual({ ok: true, value: key });
    expect(decodeAesKey(` ${key.toString('base64')}\n`)).toEqual({ ok: true, value: key });
  });

  it.each([0, 8, 15, 17, 31, 33, 64])('rejects %i-byte keys as bad-length', (n) => {
    if (n === 0) expect(decodeAesKey('')).toEqual({ ok: false, reason: 'not-base64' });
    else expect(decodeAesKey(randomBytes(n).toString('base64'))).toEqual({ ok: false, reason: 'bad-length' });
  });

  it('rejects non-Base64 (e.g. a hex key or a passphrase)', () => {
    expect(decodeAesKey('my secret passphrase')).toEqual({ ok: false, reason: 'not-base64' });
    expect(decodeAesKey('0123456789abcdef0123456789abcdef=')).toEqual({ ok: false, reason: 'not-base64' });
  });
});

describe('aesEncrypt / aesDecrypt', () => {
  it.each([16, 24, 32])('AES-%i: zero IV, PKCS#7, same bytes as node:crypto, round-trips UTF-8', (n) => {
    const key = randomBytes(n);
    const b64 = key.toString('base64');
    const text = `${PLAIN}系统繁忙`;
    const ct = aesEncrypt(text, b64);
    expect(ct).toBe(reference(text, key));
    expect(Buffer.from(ct, 'base64').length % 16).toBe(0);
    expect(aesDecrypt(ct, b64)).toEqual({ ok: true, value: text });
  });

  it('pads a block-aligned plaintext with a whole block', () => {
    const key = randomBytes(16);
    expect(Buffer.from(aesEncrypt('x'.repeat(16), key.toString('base64')), 'base64')).toHaveLength(32);
  });

  it('aesEncrypt throws on an unusable key (programmer error)', () => {
    expect(() => aesEncrypt(PLAIN, 'AAAA')).toThrow(/bad-length/);
  });

  it('reports each failure', () => {
    const key = randomBytes(16);
    const b64 = key.toString('base64');
    expect(aesDecrypt('AAAA', 'nope!')).toEqual({ ok: false, reason: 'not-base64' });
    expect(aesDecrypt('AAAA', 'AAAA')).toEqual({ ok: false, reason: 'bad-length' });
    expect(aesDecrypt('not*base64', b64)).toEqual({ ok: false, reason: 'ciphertext-not-base64' });
    expect(aesDecrypt('', b64)).toEqual({ ok: false, reason: 'ciphertext-not-base64' });
    expect(aesDecrypt(randomBytes(15).toString('base64'), b64)).toEqual({ ok: false, reason: 'bad-block-length' });
    // a block whose decryption ends in 0x00: never valid PKCS#7 padding
    const raw = createCipheriv('aes-128-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    const badPadding = Buffer.concat([raw.update(Buffer.alloc(16, 0)), raw.final()]).toString('base64');
    expect(aesDecrypt(badPadding, b64)).toEqual({ ok: false, reason: 'bad-padding' });
    // valid padding, invalid UTF-8
    expect(aesDecrypt(reference(Buffer.from([0xff, 0xfe, 0x80]), key), b64)).toEqual({ ok: false, reason: 'not-utf8' });
  });

  it('aesDecryptWithKey takes raw key bytes', () => {
    const key = randomBytes(32);
    expect(aesDecryptWithKey(reference(PLAIN, key), key)).toEqual({ ok: true, value: PLAIN });
  });
});
