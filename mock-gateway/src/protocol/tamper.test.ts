import { createPublicKey, randomBytes } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../keys/key-material.js';
import { defaultKeysDir, loadKeyDir } from '../keys/load-keys.js';
import { otherRsaPair } from '../test-support/rsa-pairs.js';
import { aesDecrypt } from './aes.js';
import { openEnvelope, parseEnvelope } from './envelope.js';
import { rsaVerify } from './rsa.js';
import { buildTampered, isTampering, TAMPERINGS, type Tampering, type TamperKeys } from './tamper.js';
import { specFor } from './variants.js';

const PLAIN = '{"code":"10000","msg":"Success","mobile":"13800138000"}';

let keys: KeyMaterial;
let tk: TamperKeys;
let sdk: AlipaySdk;

beforeAll(() => {
  const loaded = loadKeyDir(defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  keys = loaded.value;
  tk = {
    aesKey: keys.aesKey,
    alipayPrivateKey: keys.alipayPrivateKey,
    foreignPrivateKey: otherRsaPair().privateKey,
    foreignAesKey: randomBytes(16).toString('base64'),
  };
  sdk = new AlipaySdk({
    appId: keys.appId,
    privateKey: keys.appPrivateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    keyType: 'PKCS8',
    alipayPublicKey: keys.alipayPublicKeyBase64,
    encryptKey: keys.aesKey,
  });
});

function tampered(kind: Tampering): { text: string; env: Record<string, string> } {
  const text = buildTampered(kind, specFor('success', 'standard'), tk);
  return { text, env: JSON.parse(text) };
}

/** What a correct backend does: verify the quoted ciphertext with Alipay's key (alipay-sdk as the oracle). */
function sdkVerifies(env: Record<string, string>): boolean {
  return typeof env.sign === 'string' && sdk.rsaCheck(`"${env.response}"`, env.sign, 'RSA2');
}

const opened = (text: string) =>
  openEnvelope(text, { alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey }, { requireSignature: true });

describe('tamperings against the real keys', () => {
  it('the catalogue is complete and guarded', () => {
    expect(TAMPERINGS).toHaveLength(10);
    expect(TAMPERINGS.every(isTampering)).toBe(true);
    expect(isTampering('nope')).toBe(false);
  });

  it('strip-sign: a valid ciphertext without sign or sign_type', () => {
    const { text, env } = tampered('strip-sign');
    expect(Object.keys(env)).toEqual(['response', 'encrypt_type', 'charset']);
    expect(sdk.aesDecrypt(env.response as string)).toBe(PLAIN);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'no-sign' } });
  });

  it('foreign-key-sign: fails with Alipay’s key, verifies with the foreign one', () => {
    const { text, env } = tampered('foreign-key-sign');
    expect(sdkVerifies(env)).toBe(false);
    expect(rsaVerify(`"${env.response}"`, env.sign as string, createPublicKey(tk.foreignPrivateKey))).toBe(true);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'mismatch' } });
  });

  it('sign-unquoted: verifies only for a backend that forgets the quotes', () => {
    const { text, env } = tampered('sign-unquoted');
    expect(sdkVerifies(env)).toBe(false);
    expect(sdk.rsaCheck(env.response as string, env.sign as string, 'RSA2')).toBe(true);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'mismatch' } });
  });

  it('flip-bit: the original sign no longer verifies; padding stays valid, the plaintext changes', () => {
    const { text, env } = tampered('flip-bit');
    expect(sdkVerifies(env)).toBe(false);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'mismatch' } });
    const d = aesDecrypt(env.response as string, keys.aesKey);
    expect(d.ok ? d.value : d.reason).not.toBe(PLAIN);
    expect(!d.ok && d.reason).not.toBe('bad-padding');
  });

  it('truncate: one block shorter, the original sign no longer verifies', () => {
    const { text, env } = tampered('truncate');
    const honest = JSON.parse(tampered('strip-sign').text).response as string;
    expect(Buffer.from(env.response as string, 'base64').length).toBe(Buffer.from(honest, 'base64').length - 16);
    expect(sdkVerifies(env)).toBe(false);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'mismatch' } });
    const d = aesDecrypt(env.response as string, keys.aesKey);
    expect(d.ok && d.value === PLAIN).toBe(false);
  });

  it('wrong-aes-key: correctly signed, decrypts only with the other app’s key', () => {
    const { text, env } = tampered('wrong-aes-key');
    expect(sdkVerifies(env)).toBe(true);
    const mine = aesDecrypt(env.response as string, keys.aesKey);
    expect(mine.ok && mine.value === PLAIN).toBe(false);
    expect(aesDecrypt(env.response as string, tk.foreignAesKey)).toEqual({ ok: true, value: PLAIN });
    const o = opened(text);
    expect(o.ok).toBe(false);
    expect(!o.ok && o.reason.step).not.toBe('verify');
  });

  it('forged-plaintext-string: unsigned, and the sample’s startsWith("{") branch reads it as plain', () => {
    const { text, env } = tampered('forged-plaintext-string');
    expect(text).toBe(`{"response":${JSON.stringify(PLAIN)},"charset":"UTF-8"}`);
    expect(env.sign).toBeUndefined();
    expect(parseEnvelope(text)).toMatchObject({ ok: true, value: { encrypted: false, content: PLAIN } });
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'no-sign' } });
  });

  it('forged-plaintext-object: unsigned nested object', () => {
    const { text } = tampered('forged-plaintext-object');
    expect(text).toBe(`{"response":${PLAIN},"charset":"UTF-8"}`);
    expect(opened(text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'no-sign' } });
  });

  it('bad-sign-valid-padding / bad-sign-invalid-padding: both fail verification; only padding differs', () => {
    const valid = tampered('bad-sign-valid-padding');
    const invalid = tampered('bad-sign-invalid-padding');
    for (const t of [valid, invalid]) {
      expect(sdkVerifies(t.env)).toBe(false);
      expect(opened(t.text)).toEqual({ ok: false, reason: { step: 'verify', reason: 'mismatch' } });
    }
    expect(aesDecrypt(valid.env.response as string, keys.aesKey)).toEqual({ ok: true, value: PLAIN });
    expect(aesDecrypt(invalid.env.response as string, keys.aesKey)).toEqual({ ok: false, reason: 'bad-padding' });
    expect(invalid.env.response).toHaveLength((valid.env.response as string).length);
  });

  it('is deterministic for a given key set', () => {
    for (const kind of TAMPERINGS) expect(tampered(kind).text).toBe(tampered(kind).text);
  });

  it('RSA (SHA1) specs are tampered with their own sign type', () => {
    const text = buildTampered('bad-sign-valid-padding', specFor('success', 'rsa'), tk);
    const env = JSON.parse(text);
    expect(env.sign_type).toBe('RSA');
    expect(sdk.rsaCheck(`"${env.response}"`, env.sign, 'RSA')).toBe(false);
    const foreign = JSON.parse(buildTampered('foreign-key-sign', specFor('success', 'rsa'), tk));
    expect(rsaVerify(`"${foreign.response}"`, foreign.sign, createPublicKey(tk.foreignPrivateKey), 'RSA')).toBe(true);
  });
});
