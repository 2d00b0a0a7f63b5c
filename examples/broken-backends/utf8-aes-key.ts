/**
 * Broken backend `utf8-aes-key`.
 * Bug: turns the console's AES key into bytes with UTF-8 instead of Base64. A 24-character Base64 key becomes
 * 24 bytes, i.e. an AES-192 key that has nothing to do with the real one: every decryption fails
 * (bad padding, or garbage that is not JSON) → DECRYPT_FAILED.
 * docs/protocol.md, mistake 3 (AES key decoded as UTF-8 instead of Base64).
 * Caught by: every FAQ scenario with a signed, encrypted envelope — faq1-success, faq1-no-consent,
 * faq1-consent-expired, faq2-isv-package-missing, faq2-isv-permission-pending, faq3-20000-busy,
 * faq3-40003-invalid-auth, faq4-ciphertext-not-phone, faq4-empty-mobile. (faq3-40002-encrypt-error allows
 * DECRYPT_FAILED, and unsigned envelopes stop at SIGNATURE_MISSING before decryption.)
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { aesCbcDecrypt } from '../../reference-backend/src/decrypt.js';
import type { DecryptResult, Envelope, StepContext } from '../../reference-backend/src/types.js';
import { type BrokenBackend, SIGNED_ENCRYPTED_SCENARIOS } from './broken-backend.js';

export function decryptWithUtf8Key(envelope: Envelope, ctx: StepContext): DecryptResult {
  if (!envelope.encrypted) return { ok: true, plaintext: envelope.content };
  const key = Buffer.from(ctx.aesKeyText, 'utf8'); // BUG: should be Buffer.from(ctx.aesKeyText, 'base64')
  const plaintext = aesCbcDecrypt(envelope.content, key);
  if (plaintext === undefined) {
    return {
      ok: false,
      code: 'DECRYPT_FAILED',
      reason: 'the payload could not be decrypted with the configured AES key',
    };
  }
  return { ok: true, plaintext };
}

export const utf8AesKey: BrokenBackend = {
  description: 'decodes the AES key as UTF-8 instead of Base64 (24 bytes: AES-192 with the wrong key)',
  mistake: 'docs/protocol.md mistake 3: AES key decoded as UTF-8 instead of Base64',
  caughtBy: SIGNED_ENCRYPTED_SCENARIOS,
  build: (options) => buildReferenceBackend({ ...options, steps: { decrypt: decryptWithUtf8Key } }),
};
