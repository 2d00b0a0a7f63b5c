/**
 * Step 3: AES-CBC decryption (docs/protocol.md): key = Base64-decode(aesKey), IV = 16 zero bytes, PKCS#7 padding,
 * plaintext UTF-8. Plain (unencrypted) content passes through unchanged. Every failure is DECRYPT_FAILED.
 */
import { createDecipheriv } from 'node:crypto';
import type { DecryptResult, Envelope, StepContext } from './types.js';

const ZERO_IV = Buffer.alloc(16);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const failed: DecryptResult = {
  ok: false,
  code: 'DECRYPT_FAILED',
  reason: 'the payload could not be decrypted with the configured AES key',
};

/** Decrypts Base64 ciphertext with a raw AES key (16/24/32 bytes); undefined on any failure. */
export function aesCbcDecrypt(ciphertextBase64: string, key: Buffer): string | undefined {
  if (!BASE64.test(ciphertextBase64)) return undefined;
  const ciphertext = Buffer.from(ciphertextBase64, 'base64');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) return undefined;
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, ZERO_IV);
    const bytes = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decryptEnvelope(envelope: Envelope, ctx: StepContext): DecryptResult {
  if (!envelope.encrypted) return { ok: true, plaintext: envelope.content };
  const plaintext = aesCbcDecrypt(envelope.content, ctx.aesKey);
  return plaintext === undefined ? failed : { ok: true, plaintext };
}
