/**
 * Broken backend `plaintext-trusted`.
 * Bug: follows the sample's `startsWith('{')` branch: a `response` that is not encrypted (a nested object, or a
 * string starting with `{`) is taken as data and never verified, so anyone can post
 * `{"response":{"code":"10000","msg":"Success","mobile":"<any number>"}}` and get that number accepted.
 * docs/protocol.md, mistake 4 (following the sample's startsWith('{') branch: forged unsigned plaintext trusted).
 * Caught by: no FAQ scenario (the unsigned plain FAQ payloads are 40001/40002 and still map to the allowed
 * ALIPAY_MISCONFIGURED); sec-forged-plaintext-string, sec-forged-plaintext-object; sec-duplicate-keys (of two
 * encryptedData keys the last, a forged plaintext, is trusted).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext, VerifyResult } from '../../reference-backend/src/types.js';
import { verifyEnvelope } from '../../reference-backend/src/verify.js';
import type { BrokenBackend } from './broken-backend.js';

export function verifyOnlyCiphertext(envelope: Envelope, ctx: StepContext): VerifyResult {
  if (!envelope.encrypted) return { ok: true, verified: true }; // BUG: "it starts with '{', it is plain data"
  return verifyEnvelope(envelope, ctx);
}

export const plaintextTrusted: BrokenBackend = {
  description: "trusts an unencrypted response (the sample's startsWith('{') branch) without verifying it",
  mistake:
    "docs/protocol.md mistake 4: following the sample's startsWith('{') branch, so forged unsigned plaintext is trusted",
  caughtBy: ['sec-forged-plaintext-string', 'sec-forged-plaintext-object', 'sec-duplicate-keys'],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyOnlyCiphertext } }),
};
