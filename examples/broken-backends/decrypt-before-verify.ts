/**
 * Broken backend `decrypt-before-verify`.
 * Bug: decrypts before checking the signature and answers DECRYPT_FAILED when the padding is bad, SIGNATURE_INVALID
 * otherwise: an attacker who alters the ciphertext learns whether the padding was valid (a padding oracle).
 * Genuine payloads get exactly the reference's answers.
 * docs/protocol.md, mistake 7 (decrypting before verifying).
 * Caught by: no FAQ scenario (they never send an altered ciphertext); sec-padding-oracle (the two probes get
 * different answers), sec-tampered-truncated (the cut ciphertext's padding is bad: DECRYPT_FAILED, not
 * SIGNATURE_INVALID).
 */
import { createDecipheriv } from 'node:crypto';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext, VerifyResult } from '../../reference-backend/src/types.js';
import { verifyEnvelope } from '../../reference-backend/src/verify.js';
import type { BrokenBackend } from './broken-backend.js';

export function verifyAfterDecrypting(envelope: Envelope, ctx: StepContext): VerifyResult {
  if (envelope.encrypted) {
    // BUG: decryption runs on unauthenticated input, and its failure is reported before the signature is checked.
    try {
      const decipher = createDecipheriv(`aes-${ctx.aesKey.length * 8}-cbc`, ctx.aesKey, Buffer.alloc(16));
      decipher.update(Buffer.from(envelope.content, 'base64'));
      decipher.final(); // throws on bad PKCS#7 padding
    } catch {
      return { ok: false, code: 'DECRYPT_FAILED', reason: 'the payload could not be decrypted' };
    }
  }
  return verifyEnvelope(envelope, ctx);
}

export const decryptBeforeVerify: BrokenBackend = {
  description: 'decrypts before verifying and reports bad padding as DECRYPT_FAILED (a padding oracle)',
  mistake: 'docs/protocol.md mistake 7: decrypting before verifying',
  caughtBy: ['sec-tampered-truncated', 'sec-padding-oracle'],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyAfterDecrypting } }),
};
