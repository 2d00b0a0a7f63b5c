/**
 * Broken backend `no-quotes`.
 * Bug: verifies `sign` over the bare Base64 ciphertext instead of `"` + ciphertext + `"`, so every genuine
 * signed payload fails verification (SIGNATURE_INVALID).
 * docs/protocol.md, mistake 1 (verifying without the surrounding quotes).
 * Caught by: every FAQ scenario with a signed envelope — faq1-success, faq1-no-consent, faq1-consent-expired,
 * faq2-isv-package-missing, faq2-isv-permission-pending, faq3-20000-busy, faq3-40003-invalid-auth,
 * faq4-ciphertext-not-phone, faq4-empty-mobile; sec-sign-unquoted (a signature over the bare ciphertext is
 * accepted); sec-other-app-aes-key (its genuine signature is refused: SIGNATURE_INVALID, not DECRYPT_FAILED).
 * Unsigned envelopes still get SIGNATURE_MISSING (passes).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext } from '../../reference-backend/src/types.js';
import { verifyEnvelope } from '../../reference-backend/src/verify.js';
import { type BrokenBackend, SIGNED_ENCRYPTED_SCENARIOS } from './broken-backend.js';

export function verifyWithoutQuotes(envelope: Envelope, ctx: StepContext) {
  // BUG: Alipay signed '"' + response + '"'; this checks the signature over `response` alone.
  return verifyEnvelope({ ...envelope, signContent: envelope.content }, ctx);
}

export const noQuotes: BrokenBackend = {
  description: 'verifies the signature over the bare ciphertext, without the surrounding double quotes',
  mistake: 'docs/protocol.md mistake 1: verifying without the surrounding quotes',
  caughtBy: [...SIGNED_ENCRYPTED_SCENARIOS, 'sec-sign-unquoted', 'sec-other-app-aes-key'],
  build: (options) => buildReferenceBackend({ ...options, steps: { verify: verifyWithoutQuotes } }),
};
