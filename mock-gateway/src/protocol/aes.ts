import { createCipheriv, createDecipheriv } from 'node:crypto';
import { normaliseBase64 } from './keys.js';
import { err, ok, type Result } from './result.js';

const ZERO_IV = Buffer.alloc(16, 0);

export type AesKeyError = 'not-base64' | 'bad-length';

/** Decodes the console's Base64 AES key; its length picks AES-128/192/256. */
export function decodeAesKey(keyBase64: string): Result<Buffer, AesKeyError> {
  const b64 = normaliseBase64(keyBase64);
  if (!b64) return err('not-base64');
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) return err('bad-length');
  return ok(key);
}

function cipherName(key: Buffer): string {
  return `aes-${key.length * 8}-cbc`;
}

/** AES-CBC, IV = 16 zero bytes, PKCS#7 padding; returns Base64. Throws on a bad key (a programmer error here). */
export function aesEncrypt(plaintext: string, keyBase64: string): string {
  const key = decodeAesKey(keyBase64);
  if (!key.ok) throw new Error(`aesEncrypt: unusable AES key (${key.reason})`);
  return aesEncryptWithKey(plaintext, key.value);
}

export function aesEncryptWithKey(plaintext: string, key: Buffer): string {
  const cipher = createCipheriv(cipherName(key), key, ZERO_IV);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export type AesDecryptError = AesKeyError | 'ciphertext-not-base64' | 'bad-block-length' | 'bad-padding' | 'not-utf8';

/** Decrypts the Base64 ciphertext to UTF-8 text. */
export function aesDecrypt(ciphertextBase64: string, keyBase64: string): Result<string, AesDecryptError> {
  const key = decodeAesKey(keyBase64);
  if (!key.ok) return key;
  return aesDecryptWithKey(ciphertextBase64, key.value);
}

export function aesDecryptWithKey(ciphertextBase64: string, key: Buffer): Result<string, AesDecryptError> {
  const b64 = normaliseBase64(ciphertextBase64);
  if (!b64) return err('ciphertext-not-base64');
  const data = Buffer.from(b64, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return err('bad-block-length');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv(cipherName(key), key, ZERO_IV);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return err('bad-padding');
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return err('not-utf8');
  }
}
