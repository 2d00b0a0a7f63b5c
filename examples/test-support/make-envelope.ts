/**
 * Test-only helpers that build `res.response` envelopes the way Alipay does (docs/protocol.md), with node:crypto
 * only — independent of mock-gateway/. Used by the examples' tests; keys are generated fresh, never committed.
 */
import { createCipheriv, createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';

export interface TestKeys {
  alipayPrivateKey: KeyObject;
  /** PKCS#1 PEM (alipay-sdk's default private key format). */
  alipayPrivateKeyPkcs1Pem: string;
  alipayPublicKeyPem: string;
  /** Bare Base64 SPKI, as Alipay's console shows it. */
  alipayPublicKeyBase64: string;
  appPrivateKey: KeyObject;
  appPublicKeyPem: string;
  appPublicKeyBase64: string;
  /** Base64 of 16 random bytes (AES-128), as the console shows it. */
  aesKey: string;
}

function rsaPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    pkcs1: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/**
 * The two RSA pairs, generated once per process (0.15–0.7 s each on a small machine; test files share a worker):
 * generated fresh for the run, never committed. The AES key is new at every call.
 */
let pairs: { alipay: ReturnType<typeof rsaPair>; app: ReturnType<typeof rsaPair> } | undefined;

export function generateTestKeys(): TestKeys {
  pairs ??= { alipay: rsaPair(), app: rsaPair() };
  const { alipay, app } = pairs;
  return {
    alipayPrivateKey: alipay.privateKey,
    alipayPrivateKeyPkcs1Pem: alipay.pkcs1,
    alipayPublicKeyPem: alipay.publicPem,
    alipayPublicKeyBase64: alipay.publicBase64,
    appPrivateKey: app.privateKey,
    appPublicKeyPem: app.publicPem,
    appPublicKeyBase64: app.publicBase64,
    aesKey: randomBytes(16).toString('base64'),
  };
}

/** The decrypted plaintexts of docs/protocol.md, byte for byte. */
export const PLAINTEXTS = {
  success: (mobile = '13800138000') => `{"code":"10000","msg":"Success","mobile":"${mobile}"}`,
  emptyMobile: '{"code":"10000","msg":"Success","mobile":""}',
  busy: '{"code":"20000","msg":"Service Currently Unavailable","subCode":"aop.unknow-error","subMsg":"系统繁忙"}',
  missingSignType:
    '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-default-signature-type","subMsg":"应用未设置默认签名类型"}',
  missingEncryptKey:
    '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-encrypt-key","subMsg":"缺少加密配置"}',
  encryptError: '{"code":"40002","msg":"Invalid Arguments","subCode":"isv.invalid-encrypt","subMsg":"加密异常"}',
  invalidAuth:
    '{"code":"40003","msg":"Insufficient Conditions","subCode":"isv.invalid-auth-relations","subMsg":"无效的授权关系"}',
  isvPermission:
    '{"code":"40006","msg":"Insufficient Permissions","subCode":"isv.insufficient-isv-permissions","subMsg":"ISV权限不足，建议在开发者中心检查对应功能是否已经添加，解决办法详见：https:\\/\\/docs.open.alipay.com\\/common\\/isverror"}',
} as const;

/** Base64(AES-CBC(key = Base64-decode(aesKey), IV = 16 zero bytes, PKCS#7, UTF-8 plaintext)). */
export function aesEncrypt(plaintext: string, aesKeyBase64: string): string {
  const key = Buffer.from(aesKeyBase64, 'base64');
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Base64 PKCS#1 v1.5 signature over the UTF-8 bytes of `content`. */
export function signText(content: string, privateKey: KeyObject | string, signType: 'RSA2' | 'RSA' = 'RSA2'): string {
  return createSign(signType === 'RSA' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(content, 'utf8')
    .sign(privateKey, 'base64');
}

export interface EnvelopeOptions {
  /** Default true. */
  encrypted?: boolean;
  /** Default true. */
  signed?: boolean;
  signType?: 'RSA2' | 'RSA';
  /** Plain payloads: a nested object (default, `{"response":{…}}`) or a JSON string (`{"response":"{…}"}`). */
  plainAs?: 'object' | 'string';
  /** `{"response":…,"sign":…}` only (third-party apps). */
  shortForm?: boolean;
  /** Sign with this key instead of Alipay's (e.g. the app's own key). */
  signingKey?: KeyObject | string;
  /** Encrypt with this Base64 key instead of the app's. */
  encryptKey?: string;
}

export interface EnvelopeKeys {
  alipayPrivateKey: KeyObject | string;
  aesKey: string;
}

/** The exact `res.response` string Alipay would hand to the page. */
export function makeEnvelope(plaintext: string, keys: EnvelopeKeys, options: EnvelopeOptions = {}): string {
  const encrypted = options.encrypted ?? true;
  const signed = options.signed ?? true;
  const signType = options.signType ?? 'RSA2';
  let responseJson: string;
  let signContent: string;
  if (encrypted) {
    const ciphertext = aesEncrypt(plaintext, options.encryptKey ?? keys.aesKey);
    responseJson = JSON.stringify(ciphertext);
    signContent = `"${ciphertext}"`;
  } else if (options.plainAs === 'string') {
    responseJson = JSON.stringify(plaintext);
    signContent = plaintext;
  } else {
    responseJson = plaintext;
    signContent = plaintext;
  }
  let out = `{"response":${responseJson}`;
  if (signed)
    out += `,"sign":${JSON.stringify(signText(signContent, options.signingKey ?? keys.alipayPrivateKey, signType))}`;
  if (!options.shortForm) {
    if (signed) out += `,"sign_type":"${signType}"`;
    if (encrypted) out += ',"encrypt_type":"AES"';
    if (signed || encrypted) out += ',"charset":"UTF-8"';
  }
  return `${out}}`;
}

/** The request the page's `my.request` sends to the backend (docs/contract.md). */
export function phoneRequest(envelope: string) {
  return {
    method: 'POST' as const,
    url: '/api/alipay/phone',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ encryptedData: envelope }),
  };
}

/**
 * Alters a signed encrypted envelope so that its PKCS#7 padding is certainly invalid: flipping every bit of the
 * last byte of the second-to-last ciphertext block flips the last plaintext byte (the padding length p, 1..16)
 * to p ^ 0xff (> 16). The signature, left as is, no longer matches.
 */
export function breakPadding(envelope: string): string {
  const parsed = JSON.parse(envelope) as Record<string, string>;
  const bytes = Buffer.from(parsed.response as string, 'base64');
  if (bytes.length < 32) throw new Error('breakPadding needs at least two ciphertext blocks');
  const index = bytes.length - 17;
  bytes[index] = (bytes[index] as number) ^ 0xff;
  return JSON.stringify({ ...parsed, response: bytes.toString('base64') });
}

/**
 * Alters a signed encrypted envelope while keeping its padding valid: flipping a bit of the first ciphertext
 * block garbles plaintext block 1 and flips one bit of block 2; with at least three blocks the last block (and
 * its padding) is untouched. The signature no longer matches.
 */
export function alterKeepingPadding(envelope: string): string {
  const parsed = JSON.parse(envelope) as Record<string, string>;
  const bytes = Buffer.from(parsed.response as string, 'base64');
  if (bytes.length < 48) throw new Error('alterKeepingPadding needs at least three ciphertext blocks');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  return JSON.stringify({ ...parsed, response: bytes.toString('base64') });
}
