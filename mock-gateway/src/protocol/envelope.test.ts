import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../keys/key-material.js';
import { defaultKeysDir, loadKeyDir } from '../keys/load-keys.js';
import { otherRsaPair } from '../test-support/rsa-pairs.js';
import { aesEncrypt } from './aes.js';
import {
  assembleEnvelope,
  buildEnvelope,
  openEnvelope,
  parseEnvelope,
  signContentFor,
  verifyEnvelope,
} from './envelope.js';
import { rsaSign } from './rsa.js';
import { specFor } from './variants.js';

let keys: KeyMaterial;

beforeAll(() => {
  const loaded = loadKeyDir(defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  keys = loaded.value;
});

const PLAIN = '{"code":"10000","msg":"Success","mobile":"13800138000"}';

function standard(plaintext = PLAIN): string {
  return buildEnvelope(
    { plaintext, encrypt: true, sign: true, form: 'long', signType: 'RSA2' },
    { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey },
  );
}

/** A long-form envelope whose `response` is `ciphertext`, correctly signed over it (garbage in, valid sign). */
function signedCiphertext(ciphertext: string, signType = 'RSA2'): string {
  const sign = rsaSign(`"${ciphertext}"`, keys.alipayPrivateKey, 'RSA2');
  return `{"response":${JSON.stringify(ciphertext)},"sign":"${sign}","sign_type":"${signType}","encrypt_type":"AES","charset":"UTF-8"}`;
}

describe('signContentFor', () => {
  it('quotes a ciphertext and keeps plain JSON text as is', () => {
    expect(signContentFor('abc=', true)).toBe('"abc="');
    expect(signContentFor('{"a":1}', false)).toBe('{"a":1}');
  });
});

describe('assembleEnvelope', () => {
  it('orders keys as docs/protocol.md for every combination', () => {
    const long = { form: 'long' as const, signType: 'RSA2' as const };
    expect(assembleEnvelope('"c"', { ...long, encrypt: true }, 's')).toBe(
      '{"response":"c","sign":"s","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8"}',
    );
    expect(assembleEnvelope('"c"', { ...long, encrypt: true }, undefined)).toBe(
      '{"response":"c","encrypt_type":"AES","charset":"UTF-8"}',
    );
    expect(assembleEnvelope('{"a":1}', { ...long, encrypt: false }, undefined)).toBe(
      '{"response":{"a":1},"charset":"UTF-8"}',
    );
    expect(assembleEnvelope('{"a":1}', { ...long, signType: 'RSA', encrypt: false }, 's')).toBe(
      '{"response":{"a":1},"sign":"s","sign_type":"RSA","charset":"UTF-8"}',
    );
    expect(assembleEnvelope('"c"', { form: 'short', signType: 'RSA2', encrypt: true }, 's')).toBe(
      '{"response":"c","sign":"s"}',
    );
    expect(assembleEnvelope('"c"', { form: 'short', signType: 'RSA2', encrypt: true }, undefined)).toBe(
      '{"response":"c"}',
    );
  });
});

describe('buildEnvelope', () => {
  it('is deterministic: same key and plaintext give the same string', () => {
    expect(standard()).toBe(standard());
    expect(standard()).not.toBe(standard(PLAIN.replace('13800138000', '13800138001')));
  });

  it('throws (programmer error) when a needed key is missing', () => {
    const spec = specFor('success', 'standard');
    expect(() => buildEnvelope(spec, { alipayPrivateKey: keys.alipayPrivateKey })).toThrow(/AES key/);
    expect(() => buildEnvelope(spec, { aesKey: keys.aesKey })).toThrow(/private key/);
    expect(() => buildEnvelope(specFor('success', 'plain'), {})).not.toThrow();
  });
});

describe('parseEnvelope', () => {
  it.each([
    ['', 'not-json'],
    ['{', 'not-json'],
    ['{"response":"a",}', 'not-json'],
    ['[]', 'not-an-object'],
    ['"abc"', 'not-an-object'],
    ['null', 'not-an-object'],
    ['42', 'not-an-object'],
    ['{}', 'no-response'],
    ['{"sign":"x"}', 'no-response'],
    ['{"response":1}', 'response-wrong-type'],
    ['{"response":null}', 'response-wrong-type'],
    ['{"response":true}', 'response-wrong-type'],
    ['{"response":[1,2]}', 'response-wrong-type'],
    ['{"response":""}', 'response-empty'],
    ['{"response":"abc","sign":1}', 'sign-wrong-type'],
    ['{"response":"abc","sign":null}', 'sign-wrong-type'],
  ])('%j → %s', (text, reason) => {
    expect(parseEnvelope(text)).toEqual({ ok: false, reason });
  });

  it('reads a long-form envelope', () => {
    const env = standard();
    const obj = JSON.parse(env);
    const parsed = parseEnvelope(env);
    expect(parsed).toEqual({
      ok: true,
      value: {
        responseRaw: JSON.stringify(obj.response),
        content: obj.response,
        encrypted: true,
        sign: obj.sign,
        signType: 'RSA2',
        encryptType: 'AES',
        charset: 'UTF-8',
        form: 'long',
      },
    });
  });

  it('tells short, long and other forms apart', () => {
    expect(parseEnvelope('{"response":"abc","sign":"s"}')).toMatchObject({ ok: true, value: { form: 'short' } });
    expect(parseEnvelope('{"response":"abc","charset":"UTF-8"}')).toMatchObject({ ok: true, value: { form: 'long' } });
    expect(parseEnvelope('{"response":"abc"}')).toMatchObject({ ok: true, value: { form: 'other' } });
    expect(parseEnvelope('{"sign":"s","response":"abc"}')).toMatchObject({ ok: true, value: { form: 'other' } });
  });

  it('follows the sample: a string starting with { is plain, a nested object keeps its raw text', () => {
    const forged = parseEnvelope(`{"response":${JSON.stringify(PLAIN)}}`);
    expect(forged).toMatchObject({ ok: true, value: { encrypted: false, content: PLAIN } });
    const nested = parseEnvelope('{ "response" : { "code" : "40001" ,"msg":"x"} , "charset":"UTF-8"}');
    expect(nested).toMatchObject({
      ok: true,
      value: {
        encrypted: false,
        content: '{ "code" : "40001" ,"msg":"x"}',
        responseRaw: '{ "code" : "40001" ,"msg":"x"}',
      },
    });
  });
});

describe('verifyEnvelope', () => {
  it('verifies over the quoted ciphertext and reports the sign type', () => {
    const parsed = parseEnvelope(standard());
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(verifyEnvelope(parsed.value, keys.alipayPublicKey)).toEqual({ ok: true, value: 'RSA2' });
    expect(verifyEnvelope(parsed.value, keys.appPublicKey)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('defaults to RSA2 without sign_type (short form) and rejects unknown sign types', () => {
    const short = parseEnvelope(buildEnvelope(specFor('success', 'short'), keys));
    if (!short.ok) throw new Error(short.reason);
    expect(verifyEnvelope(short.value, keys.alipayPublicKey)).toEqual({ ok: true, value: 'RSA2' });
    const md5 = parseEnvelope(signedCiphertext(aesEncrypt(PLAIN, keys.aesKey), 'MD5'));
    if (!md5.ok) throw new Error(md5.reason);
    expect(verifyEnvelope(md5.value, keys.alipayPublicKey)).toEqual({ ok: false, reason: 'bad-sign-type' });
  });
});

describe('openEnvelope', () => {
  it('happy path: verifies, then decrypts', () => {
    const opened = openEnvelope(standard(), { alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey });
    expect(opened).toMatchObject({
      ok: true,
      value: { plaintext: PLAIN, data: { code: '10000', mobile: '13800138000' }, verified: true },
    });
  });

  it('without a public key it decrypts but does not claim verification', () => {
    expect(openEnvelope(standard(), { aesKey: keys.aesKey })).toMatchObject({ ok: true, value: { verified: false } });
  });

  it('opens a plain unsigned envelope unless a signature is required', () => {
    const plain = buildEnvelope(specFor('40001-encrypt-key', 'plain'), {});
    expect(openEnvelope(plain, { alipayPublicKey: keys.alipayPublicKey })).toMatchObject({
      ok: true,
      value: { verified: false, data: { code: '40001', subCode: 'isv.missing-encrypt-key' } },
    });
    expect(openEnvelope(plain, { alipayPublicKey: keys.alipayPublicKey }, { requireSignature: true })).toEqual({
      ok: false,
      reason: { step: 'verify', reason: 'no-sign' },
    });
  });

  it('fails at each step with the step named', () => {
    const full = { alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey };
    expect(openEnvelope('nope', full)).toEqual({ ok: false, reason: { step: 'parse', reason: 'not-json' } });
    expect(openEnvelope(standard(), { ...full, alipayPublicKey: keys.appPublicKey })).toEqual({
      ok: false,
      reason: { step: 'verify', reason: 'mismatch' },
    });
    expect(openEnvelope(standard(), { alipayPublicKey: keys.alipayPublicKey })).toEqual({
      ok: false,
      reason: { step: 'decrypt', reason: 'no-aes-key' },
    });
    expect(openEnvelope(signedCiphertext('not base64!'), full)).toEqual({
      ok: false,
      reason: { step: 'decrypt', reason: 'ciphertext-not-base64' },
    });
    expect(openEnvelope(signedCiphertext(Buffer.alloc(20, 1).toString('base64')), full)).toEqual({
      ok: false,
      reason: { step: 'decrypt', reason: 'bad-block-length' },
    });
    expect(openEnvelope(signedCiphertext(aesEncrypt('hello', keys.aesKey)), full)).toEqual({
      ok: false,
      reason: { step: 'plaintext', reason: 'not-json' },
    });
    expect(openEnvelope(signedCiphertext(aesEncrypt('[1,2]', keys.aesKey)), full)).toEqual({
      ok: false,
      reason: { step: 'plaintext', reason: 'not-an-object' },
    });
  });

  it('verifies before decrypting: a bad signature never reaches the AES step', () => {
    const other = otherRsaPair().privateKey;
    const garbage = Buffer.alloc(32, 7).toString('base64');
    const forged = `{"response":"${garbage}","sign":"${rsaSign(`"${garbage}"`, other)}","sign_type":"RSA2","charset":"UTF-8"}`;
    expect(openEnvelope(forged, { alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey })).toEqual({
      ok: false,
      reason: { step: 'verify', reason: 'mismatch' },
    });
  });
});
