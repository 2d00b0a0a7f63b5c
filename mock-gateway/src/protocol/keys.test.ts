import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKeysDir } from '../keys/load-keys.js';
import { otherRsaPair } from '../test-support/rsa-pairs.js';
import {
  normaliseBase64,
  parsePrivateKey,
  parsePublicKey,
  publicKeyToBase64,
  publicKeyToPem,
  samePublicKey,
} from './keys.js';

const rsa = otherRsaPair();
const other = otherRsaPair('second');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const pub = {
  spkiPem: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  pkcs1Pem: rsa.publicKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  spkiB64: rsa.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  pkcs1B64: rsa.publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64'),
};
const priv = {
  pkcs8Pem: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  pkcs1Pem: rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  pkcs8B64: rsa.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  pkcs1B64: rsa.privateKey.export({ format: 'der', type: 'pkcs1' }).toString('base64'),
};

/** Base64 wrapped at 64 columns, as some consoles and editors paste it. */
const wrap = (b64: string) => b64.replace(/(.{64})/g, '$1\n');

describe('normaliseBase64', () => {
  it('strips whitespace and rejects non-Base64', () => {
    expect(normaliseBase64(' QUJD\nREVG \r\n')).toBe('QUJDREVG');
    expect(normaliseBase64('QUJDRA==')).toBe('QUJDRA==');
    expect(normaliseBase64('')).toBeNull();
    expect(normaliseBase64('QUJ')).toBeNull();
    expect(normaliseBase64('QU=D')).toBeNull();
    expect(normaliseBase64('QUJD-_==')).toBeNull();
  });
});

describe('parsePublicKey', () => {
  it.each([
    ['bare Base64 SPKI (the console)', pub.spkiB64, 'spki-base64'],
    ['wrapped Base64 SPKI', wrap(pub.spkiB64), 'spki-base64'],
    ['bare Base64 PKCS#1', pub.pkcs1B64, 'pkcs1-base64'],
    ['SPKI PEM', pub.spkiPem, 'spki-pem'],
    ['PKCS#1 PEM', pub.pkcs1Pem, 'pkcs1-pem'],
    ['SPKI PEM after a comment line', `# a comment\n${pub.spkiPem}`, 'spki-pem'],
  ])('%s', (_label, text, format) => {
    const parsed = parsePublicKey(text);
    expect(parsed.ok && parsed.value.format).toBe(format);
    expect(parsed.ok && samePublicKey(parsed.value.key, rsa.publicKey)).toBe(true);
  });

  it('reads the public key out of an X.509 certificate', () => {
    const pem = readFileSync(join(defaultKeysDir(), 'certs/alipayCertPublicKey_RSA2.crt'), 'utf8');
    const parsed = parsePublicKey(pem);
    expect(parsed.ok && parsed.value.format).toBe('x509-pem');
    expect(parsed.ok && samePublicKey(parsed.value.key, new X509Certificate(pem).publicKey)).toBe(true);
  });

  it.each([
    ['PKCS#8 PEM', priv.pkcs8Pem, /private key \(PRIVATE KEY PEM\)/],
    ['PKCS#1 PEM', priv.pkcs1Pem, /private key \(RSA PRIVATE KEY PEM\)/],
    ['PKCS#8 Base64', priv.pkcs8B64, /private key \(PKCS#8\)/],
    ['PKCS#1 Base64', priv.pkcs1B64, /private key \(PKCS#1\)/],
  ])('a private key (%s) given as public is an error', (_label, text, reason) => {
    const parsed = parsePublicKey(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('rejects non-RSA keys, garbage and broken PEM', () => {
    const ecB64 = ec.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const ecPem = ec.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(parsePublicKey(ecB64)).toEqual({ ok: false, reason: 'expected an RSA key, got ec' });
    expect(parsePublicKey(ecPem)).toEqual({ ok: false, reason: 'expected an RSA key, got ec' });
    expect(parsePublicKey('not a key!')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not PEM and not Base64/),
    });
    expect(parsePublicKey('QUJDRA==')).toMatchObject({ ok: false, reason: expect.stringMatching(/neither/) });
    expect(parsePublicKey('-----BEGIN PUBLIC KEY-----\nQUJDRA==\n-----END PUBLIC KEY-----')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/PUBLIC KEY PEM block could not be parsed/),
    });
  });
});

describe('parsePrivateKey', () => {
  it.each([
    ['PKCS#8 PEM', priv.pkcs8Pem, 'pkcs8-pem'],
    ['PKCS#1 PEM', priv.pkcs1Pem, 'pkcs1-pem'],
    ['bare Base64 PKCS#8 (Java)', priv.pkcs8B64, 'pkcs8-base64'],
    ['bare Base64 PKCS#1 (Node SDK)', priv.pkcs1B64, 'pkcs1-base64'],
    ['wrapped Base64 PKCS#1', wrap(priv.pkcs1B64), 'pkcs1-base64'],
  ])('%s', (_label, text, format) => {
    const parsed = parsePrivateKey(text);
    expect(parsed.ok && parsed.value.format).toBe(format);
    expect(parsed.ok && samePublicKey(parsed.value.key, rsa.publicKey)).toBe(true);
  });

  it('rejects public keys, non-RSA keys and garbage', () => {
    expect(parsePrivateKey(pub.spkiPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/PUBLIC KEY PEM block/),
    });
    expect(parsePrivateKey(pub.spkiB64)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/neither a PKCS#8 nor a PKCS#1/),
    });
    const ecB64 = ec.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(parsePrivateKey(ecB64)).toEqual({ ok: false, reason: 'expected an RSA key, got ec' });
    expect(parsePrivateKey(ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toEqual({
      ok: false,
      reason: 'expected an RSA key, got ec',
    });
    expect(parsePrivateKey('%%%')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not PEM and not Base64/),
    });
  });
});

describe('export and compare', () => {
  it('publicKeyToBase64 / publicKeyToPem round-trip, samePublicKey compares material', () => {
    expect(publicKeyToBase64(rsa.publicKey)).toBe(pub.spkiB64);
    expect(publicKeyToPem(rsa.publicKey)).toBe(pub.spkiPem);
    expect(samePublicKey(rsa.privateKey, rsa.publicKey)).toBe(true);
    expect(samePublicKey(rsa.publicKey, other.publicKey)).toBe(false);
    expect(samePublicKey(rsa.privateKey, other.privateKey)).toBe(false);
  });
});
