/**
 * Broken backend `crash-on-missing-sign`.
 * Bug: assumes `sign` is always present; `Buffer.from(undefined, 'base64')` throws a TypeError and the request
 * ends in a bare HTTP 500 without the contract's error body.
 * docs/protocol.md, mistake 8 (crashing on unexpected input instead of a clean 4xx).
 * Caught by: every FAQ scenario with an unsigned envelope — faq3-40001-no-sign-type, faq3-40001-no-encrypt-key,
 * faq3-40002-encrypt-error, faq5-missing-sign-no-public-key, faq5-missing-sign-no-aes-key,
 * faq5-missing-sign-no-gateway; and every security scenario that sends a payload without sign (a crash is not
 * a rejection): sec-forged-plaintext-string, sec-forged-plaintext-object, sec-sign-stripped, sec-proto-keys (its
 * envelope's sign hides behind __proto__), sec-duplicate-keys (the last encryptedData is unsigned). Signed
 * envelopes behave exactly like the reference.
 */
import { verify as cryptoVerify } from 'node:crypto';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext, VerifyResult } from '../../reference-backend/src/types.js';
import { type BrokenBackend, UNSIGNED_SCENARIOS } from './broken-backend.js';

export function verifyAssumingSign(envelope: Envelope, ctx: StepContext): VerifyResult {
  // BUG: no check for a missing sign; Buffer.from(undefined) throws.
  const signature = Buffer.from(envelope.sign as string, 'base64');
  const hash = envelope.signType === 'RSA' ? 'sha1' : 'sha256';
  const valid = cryptoVerify(hash, Buffer.from(envelope.signContent, 'utf8'), ctx.alipayPublicKey, signature);
  return valid
    ? { ok: true, verified: true }
    : { ok: false, code: 'SIGNATURE_INVALID', reason: 'the signature does not verify with the Alipay public key' };
}

export const crashOnMissingSign: BrokenBackend = {
  description: 'throws when sign is absent: HTTP 500 without the contract error body',
  mistake: 'docs/protocol.md mistake 8: crashing (HTTP 500) on unexpected input instead of a clean 4xx',
  caughtBy: [
    ...UNSIGNED_SCENARIOS,
    'sec-forged-plaintext-string',
    'sec-forged-plaintext-object',
    'sec-sign-stripped',
    'sec-proto-keys',
    'sec-duplicate-keys',
  ],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyAssumingSign } }),
};
