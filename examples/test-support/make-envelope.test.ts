import { createDecipheriv, verify } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import {
  aesEncrypt,
  alterKeepingPadding,
  breakPadding,
  generateTestKeys,
  makeEnvelope,
  PLAINTEXTS,
  signText,
} from './make-envelope.js';

const keys = generateTestKeys();
const sdk = new AlipaySdk({
  appId: '2021000000000000',
  privateKey: keys.alipayPrivateKeyPkcs1Pem,
  alipayPublicKey: keys.alipayPublicKeyBase64,
  encryptKey: keys.aesKey,
});

describe('make-envelope builds what the official Node SDK accepts', () => {
  const plaintexts = Object.entries(PLAINTEXTS).map(([name, value]) => [
    name,
    typeof value === 'function' ? value('13912345678') : value,
  ]);

  it.each(plaintexts)('%s: alipay-sdk rsaCheck and aesDecrypt agree', (_name, plaintext) => {
    const envelope = JSON.parse(makeEnvelope(plaintext as string, keys));
    expect(sdk.rsaCheck(`"${envelope.response}"`, envelope.sign, 'RSA2')).toBe(true);
    expect(sdk.aesDecrypt(envelope.response)).toBe(plaintext);
  });

  it('RSA (SHA1) envelopes verify with rsaCheck(…, "RSA")', () => {
    const envelope = JSON.parse(makeEnvelope(PLAINTEXTS.success(), keys, { signType: 'RSA' }));
    expect(envelope.sign_type).toBe('RSA');
    expect(sdk.rsaCheck(`"${envelope.response}"`, envelope.sign, 'RSA')).toBe(true);
    expect(sdk.rsaCheck(`"${envelope.response}"`, envelope.sign, 'RSA2')).toBe(false);
  });

  it('the SDK rejects a signature over the bare ciphertext and one made with the app key', () => {
    const envelope = JSON.parse(makeEnvelope(PLAINTEXTS.success(), keys));
    expect(sdk.rsaCheck(envelope.response, envelope.sign, 'RSA2')).toBe(false);
    const appSigned = JSON.parse(makeEnvelope(PLAINTEXTS.success(), keys, { signingKey: keys.appPrivateKey }));
    expect(sdk.rsaCheck(`"${appSigned.response}"`, appSigned.sign, 'RSA2')).toBe(false);
  });
});

describe('envelope layout (docs/protocol.md)', () => {
  it('full form keeps the documented key order', () => {
    const text = makeEnvelope(PLAINTEXTS.success(), keys);
    expect(Object.keys(JSON.parse(text))).toEqual(['response', 'sign', 'sign_type', 'encrypt_type', 'charset']);
  });

  it('short form carries only response and sign', () => {
    expect(Object.keys(JSON.parse(makeEnvelope(PLAINTEXTS.success(), keys, { shortForm: true })))).toEqual([
      'response',
      'sign',
    ]);
  });

  it('an unsigned plain envelope is exactly {"response":<plaintext>}', () => {
    expect(makeEnvelope(PLAINTEXTS.missingEncryptKey, keys, { signed: false, encrypted: false })).toBe(
      `{"response":${PLAINTEXTS.missingEncryptKey}}`,
    );
  });

  it('a signed plain envelope is signed over the raw plaintext', () => {
    const text = makeEnvelope(PLAINTEXTS.invalidAuth, keys, { encrypted: false });
    const sign = JSON.parse(text).sign as string;
    const ok = verify(
      'sha256',
      Buffer.from(PLAINTEXTS.invalidAuth),
      keys.alipayPublicKeyPem,
      Buffer.from(sign, 'base64'),
    );
    expect(ok).toBe(true);
  });

  it('is deterministic: same key and plaintext, same envelope', () => {
    expect(makeEnvelope(PLAINTEXTS.busy, keys)).toBe(makeEnvelope(PLAINTEXTS.busy, keys));
  });

  it('AES uses a zero IV and PKCS#7 (decipher with node:crypto by hand)', () => {
    const ciphertext = Buffer.from(aesEncrypt(PLAINTEXTS.emptyMobile, keys.aesKey), 'base64');
    expect(ciphertext.length % 16).toBe(0);
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(keys.aesKey, 'base64'), Buffer.alloc(16));
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')).toBe(
      PLAINTEXTS.emptyMobile,
    );
  });

  it('keeps the JSON-escaped \\/ of the 40006 plaintext', () => {
    expect(PLAINTEXTS.isvPermission).toContain('https:\\/\\/docs.open.alipay.com\\/common\\/isverror');
    expect(JSON.parse(PLAINTEXTS.isvPermission).subMsg).toContain('https://docs.open.alipay.com/common/isverror');
  });

  it('signText matches the quoted-ciphertext rule', () => {
    const envelope = JSON.parse(makeEnvelope(PLAINTEXTS.busy, keys));
    expect(signText(`"${envelope.response}"`, keys.alipayPrivateKey)).toBe(envelope.sign);
  });
});

describe('ciphertext alterations for the padding-oracle check', () => {
  function decryptRaw(envelope: string) {
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(keys.aesKey, 'base64'), Buffer.alloc(16));
    const bytes = Buffer.from(JSON.parse(envelope).response, 'base64');
    return () => Buffer.concat([decipher.update(bytes), decipher.final()]);
  }

  it.each([PLAINTEXTS.success('13800138000'), PLAINTEXTS.isvPermission])('breakPadding always breaks it', (pt) => {
    expect(decryptRaw(breakPadding(makeEnvelope(pt, keys)))).toThrow();
  });

  it.each([PLAINTEXTS.success('13800138000'), PLAINTEXTS.isvPermission])('alterKeepingPadding keeps it', (pt) => {
    const altered = alterKeepingPadding(makeEnvelope(pt, keys));
    expect(decryptRaw(altered)).not.toThrow();
    expect(JSON.parse(altered).response).not.toBe(JSON.parse(makeEnvelope(pt, keys)).response);
  });
});
