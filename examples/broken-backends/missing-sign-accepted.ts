/**
 * Broken backend `missing-sign-accepted`.
 * Bug: when the envelope has no `sign` it skips verification ("nothing to check") and carries on as if the
 * payload were authentic: unsigned 10000 payloads are decrypted and accepted, and an unsigned plaintext
 * `{"code":"10000",…,"mobile":"<anything>"}` is trusted too.
 * docs/protocol.md, mistake 4 (accepting a payload without `sign`).
 * Caught by: faq5-missing-sign-no-public-key, faq5-missing-sign-no-gateway (200 instead of SIGNATURE_MISSING);
 * sec-forged-plaintext-string, sec-forged-plaintext-object, sec-sign-stripped (accepted); sec-duplicate-keys (of two
 * encryptedData keys the last, an unsigned forged plaintext, is accepted). The unsigned 40001/40002 scenarios still
 * pass: their error code maps to ALIPAY_MISCONFIGURED, which those scenarios allow.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext, VerifyResult } from '../../reference-backend/src/types.js';
import { verifyEnvelope } from '../../reference-backend/src/verify.js';
import type { BrokenBackend } from './broken-backend.js';

export function verifyOnlyWhenSigned(envelope: Envelope, ctx: StepContext): VerifyResult {
  if (envelope.sign === undefined) return { ok: true, verified: true }; // BUG: no sign, so "nothing to verify"
  return verifyEnvelope(envelope, ctx);
}

export const missingSignAccepted: BrokenBackend = {
  description: 'skips verification when sign is absent and treats the payload as authentic',
  mistake: 'docs/protocol.md mistake 4: accepting a payload without sign',
  caughtBy: [
    'faq5-missing-sign-no-public-key',
    'faq5-missing-sign-no-gateway',
    'sec-forged-plaintext-string',
    'sec-forged-plaintext-object',
    'sec-sign-stripped',
    'sec-duplicate-keys',
  ],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyOnlyWhenSigned } }),
};
