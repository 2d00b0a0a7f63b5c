/**
 * Broken backend `verify-ignored`.
 * Bug: checks that `sign` is present (and refuses a payload without it, like the reference) but never checks the
 * signature itself: any `sign` string will do. A signature made with anyone's RSA key, a signature over the wrong
 * text, and a genuine signature on an altered ciphertext are all "signed".
 * docs/protocol.md, mistake 7 (decrypting before verifying — here the verification never happens at all).
 * Caught by: sec-foreign-key-sign and sec-sign-unquoted (accepted: the ciphertext is genuine, only the signature is
 * wrong); sec-tampered-bitflip (the flipped block decrypts to garbage: DECRYPT_FAILED instead of SIGNATURE_INVALID);
 * sec-tampered-truncated (bad padding: DECRYPT_FAILED); sec-padding-oracle (the probe with valid padding is
 * accepted, the other gets DECRYPT_FAILED). Every FAQ scenario passes: genuine signatures are valid anyway.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext, VerifyResult } from '../../reference-backend/src/types.js';
import { verifyEnvelope } from '../../reference-backend/src/verify.js';
import type { BrokenBackend } from './broken-backend.js';

export function verifyPresenceOnly(envelope: Envelope, ctx: StepContext): VerifyResult {
  if (envelope.sign === undefined) return verifyEnvelope(envelope, ctx); // the missing-sign policy, as the reference
  return { ok: true, verified: true }; // BUG: "it has a sign, so it is signed" — the signature is never checked
}

export const verifyIgnored: BrokenBackend = {
  description: 'checks that sign is present but never verifies it',
  mistake: 'docs/protocol.md mistake 7: decrypting before verifying (here: the signature is never verified at all)',
  caughtBy: [
    'sec-foreign-key-sign',
    'sec-sign-unquoted',
    'sec-tampered-bitflip',
    'sec-tampered-truncated',
    'sec-padding-oracle',
  ],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyPresenceOnly } }),
};
