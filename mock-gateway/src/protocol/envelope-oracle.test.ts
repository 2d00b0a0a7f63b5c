/**
 * Every outcome × every envelope variant, checked against independent oracles: alipay-sdk (rsaCheck, aesDecrypt),
 * node-forge (RSA verify, AES-CBC decipher) and an envelope rebuilt here with plain node:crypto.
 * The expected plaintexts are copied literally from docs/protocol.md, not computed from outcomes.ts.
 */
import { createCipheriv, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../keys/key-material.js';
import { defaultKeysDir, loadKeyDir } from '../keys/load-keys.js';
import { buildEnvelope, parseEnvelope } from './envelope.js';
import { OUTCOME_IDS, type OutcomeId } from './outcomes.js';
import { ENVELOPE_VARIANTS, type EnvelopeVariant, specFor } from './variants.js';

const EXPECTED_PLAINTEXT: Record<OutcomeId, string> = {
  success: '{"code":"10000","msg":"Success","mobile":"13800138000"}',
  'empty-mobile': '{"code":"10000","msg":"Success","mobile":""}',
  '20000': '{"code":"20000","msg":"Service Currently Unavailable","subCode":"aop.unknow-error","subMsg":"系统繁忙"}',
  '40001-sign-type':
    '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-default-signature-type","subMsg":"应用未设置默认签名类型"}',
  '40001-encrypt-key':
    '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-encrypt-key","subMsg":"缺少加密配置"}',
  '40002': '{"code":"40002","msg":"Invalid Arguments","subCode":"isv.invalid-encrypt","subMsg":"加密异常"}',
  '40003':
    '{"code":"40003","msg":"Insufficient Conditions","subCode":"isv.invalid-auth-relations","subMsg":"无效的授权关系"}',
  '40006': String.raw`{"code":"40006","msg":"Insufficient Permissions","subCode":"isv.insufficient-isv-permissions","subMsg":"ISV权限不足，建议在开发者中心检查对应功能是否已经添加，解决办法详见：https:\/\/docs.open.alipay.com\/common\/isverror"}`,
};

interface Delivery {
  encrypted: boolean;
  signed: boolean;
  form: 'long' | 'short';
  signType: 'RSA2' | 'RSA';
}

/** The `default` variant: each outcome's own delivery (docs/protocol.md, docs/scenarios.md). */
const DEFAULT_DELIVERY: Record<OutcomeId, Pick<Delivery, 'encrypted' | 'signed'>> = {
  success: { encrypted: true, signed: true },
  'empty-mobile': { encrypted: true, signed: true },
  '20000': { encrypted: true, signed: true },
  '40001-sign-type': { encrypted: true, signed: false },
  '40001-encrypt-key': { encrypted: false, signed: false },
  '40002': { encrypted: false, signed: false },
  '40003': { encrypted: true, signed: true },
  '40006': { encrypted: true, signed: true },
};

function expectedDelivery(outcome: OutcomeId, variant: EnvelopeVariant): Delivery {
  const base = { form: 'long' as const, signType: 'RSA2' as const };
  switch (variant) {
    case 'default':
      return { ...base, ...DEFAULT_DELIVERY[outcome] };
    case 'standard':
      return { ...base, encrypted: true, signed: true };
    case 'short':
      return { ...base, encrypted: true, signed: true, form: 'short' };
    case 'unsigned':
      return { ...base, encrypted: true, signed: false };
    case 'plain':
      return { ...base, encrypted: false, signed: false };
    case 'plain-signed':
      return { ...base, encrypted: false, signed: true };
    case 'rsa':
      return { ...base, encrypted: true, signed: true, signType: 'RSA' };
  }
}

let keys: KeyMaterial;
let sdk: AlipaySdk;
let forgeAlipayPublic: forge.pki.rsa.PublicKey;

beforeAll(() => {
  const loaded = loadKeyDir(defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  keys = loaded.value;
  sdk = new AlipaySdk({
    appId: keys.appId,
    privateKey: readFileSync(join(keys.dir, 'app-private.pem'), 'ascii'),
    keyType: 'PKCS8',
    alipayPublicKey: keys.alipayPublicKeyBase64,
    encryptKey: keys.aesKey,
  });
  forgeAlipayPublic = forge.pki.publicKeyFromPem(
    readFileSync(join(keys.dir, 'alipay-public.pem'), 'ascii'),
  ) as forge.pki.rsa.PublicKey;
});

/** Independent AES-128-CBC, zero IV, PKCS#7 (plain node:crypto, not protocol/aes.ts). */
function oracleEncrypt(plaintext: string): string {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(keys.aesKey, 'base64'), Buffer.alloc(16));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function oracleSign(content: string, signType: 'RSA2' | 'RSA'): string {
  return createSign(signType === 'RSA2' ? 'sha256' : 'sha1')
    .update(content, 'utf8')
    .sign(keys.alipayPrivateKey, 'base64');
}

/** The whole envelope text, assembled by hand in docs/protocol.md's key order. */
function oracleEnvelope(plaintext: string, d: Delivery): string {
  const ciphertext = d.encrypted ? oracleEncrypt(plaintext) : '';
  const response = d.encrypted ? `"${ciphertext}"` : plaintext;
  const signContent = d.encrypted ? `"${ciphertext}"` : plaintext;
  let text = `{"response":${response}`;
  if (d.signed) text += `,"sign":"${oracleSign(signContent, d.signType)}"`;
  if (d.form === 'long') {
    if (d.signed) text += `,"sign_type":"${d.signType}"`;
    if (d.encrypted) text += ',"encrypt_type":"AES"';
    text += ',"charset":"UTF-8"';
  }
  return `${text}}`;
}

function expectedKeys(d: Delivery): string[] {
  if (d.form === 'short') return d.signed ? ['response', 'sign'] : ['response'];
  return ['response', ...(d.signed ? ['sign', 'sign_type'] : []), ...(d.encrypted ? ['encrypt_type'] : []), 'charset'];
}

function forgeVerify(content: string, signB64: string, signType: 'RSA2' | 'RSA'): boolean {
  const md = signType === 'RSA2' ? forge.md.sha256.create() : forge.md.sha1.create();
  md.update(content, 'utf8');
  try {
    return forgeAlipayPublic.verify(md.digest().bytes(), forge.util.decode64(signB64));
  } catch {
    return false;
  }
}

function forgeDecrypt(ciphertextB64: string): Buffer | null {
  const decipher = forge.cipher.createDecipher('AES-CBC', forge.util.decode64(keys.aesKey));
  decipher.start({ iv: forge.util.createBuffer('\0'.repeat(16)) });
  decipher.update(forge.util.createBuffer(forge.util.decode64(ciphertextB64)));
  if (!decipher.finish()) return null;
  return Buffer.from(decipher.output.getBytes(), 'binary');
}

const CASES = OUTCOME_IDS.flatMap((outcome) => ENVELOPE_VARIANTS.map((variant) => [outcome, variant] as const));

describe('every outcome × every envelope variant', () => {
  it('covers 8 outcomes × 7 variants', () => {
    expect(CASES).toHaveLength(56);
  });

  it.each(CASES)('%s / %s', (outcome, variant) => {
    const expected = EXPECTED_PLAINTEXT[outcome];
    const d = expectedDelivery(outcome, variant);
    const build = () =>
      buildEnvelope(specFor(outcome, variant), { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey });
    const envelope = build();

    // exact bytes and shape, rebuilt independently; deterministic
    expect(envelope).toBe(oracleEnvelope(expected, d));
    expect(build()).toBe(envelope);
    const obj = JSON.parse(envelope) as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(expectedKeys(d));
    if (d.form === 'long') expect(obj.charset).toBe('UTF-8');
    if (d.form === 'long' && d.signed) expect(obj.sign_type).toBe(d.signType);

    const parsed = parseEnvelope(envelope);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.encrypted).toBe(d.encrypted);
    expect(parsed.value.form).toBe(d.form);
    expect(parsed.value.sign).toBe(d.signed ? obj.sign : undefined);

    let signContent: string;
    if (d.encrypted) {
      expect(typeof obj.response).toBe('string');
      signContent = `"${obj.response as string}"`;
    } else {
      // the raw JSON text of the nested response, as it stands in the envelope
      expect(envelope.startsWith(`{"response":${expected},`)).toBe(true);
      expect(obj.response).toEqual(JSON.parse(expected));
      signContent = expected;
      expect(parsed.value.content).toBe(expected);
    }

    if (d.signed) {
      const sign = obj.sign as string;
      expect(sdk.rsaCheck(signContent, sign, d.signType)).toBe(true);
      expect(forgeVerify(signContent, sign, d.signType)).toBe(true);
      // the classic mistake: without the quotes it must not verify
      if (d.encrypted) expect(sdk.rsaCheck(obj.response as string, sign, d.signType)).toBe(false);
    } else {
      expect(obj.sign).toBeUndefined();
    }

    if (d.encrypted) {
      const ciphertext = obj.response as string;
      expect(sdk.aesDecrypt(ciphertext)).toBe(expected);
      expect(JSON.parse(sdk.aesDecrypt(ciphertext))).toEqual(JSON.parse(expected));
      expect(forgeDecrypt(ciphertext)?.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    }
  });
});

describe('plaintext bytes', () => {
  it('40006 keeps the JSON-escaped slashes of the wire', () => {
    const envelope = buildEnvelope(specFor('40006', 'standard'), {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
    });
    const plain = forgeDecrypt(JSON.parse(envelope).response)?.toString('utf8') ?? '';
    expect(plain).toContain('https:\\/\\/docs.open.alipay.com\\/common\\/isverror');
    expect(plain).not.toContain('https://');
  });

  it('a custom mobile lands in the success plaintext only', () => {
    const envelope = buildEnvelope(specFor('success', 'standard', { mobile: '1-1234432112' }), {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
    });
    expect(sdk.aesDecrypt(JSON.parse(envelope).response)).toBe(
      '{"code":"10000","msg":"Success","mobile":"1-1234432112"}',
    );
    const empty = buildEnvelope(specFor('empty-mobile', 'standard', { mobile: '13900000000' }), {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
    });
    expect(sdk.aesDecrypt(JSON.parse(empty).response)).toBe(EXPECTED_PLAINTEXT['empty-mobile']);
  });

  it('the app default sign type and short form apply through SpecContext', () => {
    const envelope = buildEnvelope(specFor('success', 'standard', { signType: 'RSA', form: 'short' }), {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
    });
    const obj = JSON.parse(envelope);
    expect(Object.keys(obj)).toEqual(['response', 'sign']);
    expect(sdk.rsaCheck(`"${obj.response}"`, obj.sign, 'RSA')).toBe(true);
    expect(sdk.rsaCheck(`"${obj.response}"`, obj.sign, 'RSA2')).toBe(false);
  });
});
