/**
 * Broken backend `app-public-key`.
 * Bug: verifies `sign` with the app's OWN public key (the one uploaded to the console to sign requests) instead
 * of the Alipay public key, so genuine payloads fail verification (SIGNATURE_INVALID). Needs `appPublicKey`.
 * docs/protocol.md, mistake 2 (verifying with the app's own public key instead of Alipay's).
 * Caught by: every FAQ scenario with a signed envelope — faq1-success, faq1-no-consent, faq1-consent-expired,
 * faq2-isv-package-missing, faq2-isv-permission-pending, faq3-20000-busy, faq3-40003-invalid-auth,
 * faq4-ciphertext-not-phone, faq4-empty-mobile; sec-other-app-aes-key (its genuine signature is refused:
 * SIGNATURE_INVALID, not DECRYPT_FAILED).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import type { Envelope, StepContext } from '../../reference-backend/src/types.js';
import { verifyEnvelopeWith } from '../../reference-backend/src/verify.js';
import { type BrokenBackend, SIGNED_ENCRYPTED_SCENARIOS } from './broken-backend.js';

export function verifyWithAppKey(envelope: Envelope, ctx: StepContext) {
  if (ctx.appPublicKey === undefined) throw new Error('app-public-key needs the appPublicKey option');
  // BUG: the app's public key, where Alipay's public key (ctx.alipayPublicKey) belongs.
  return verifyEnvelopeWith(envelope, ctx.appPublicKey, ctx.requireSignature);
}

export const appPublicKey: BrokenBackend = {
  description: "verifies the signature with the app's own public key instead of Alipay's",
  mistake: "docs/protocol.md mistake 2: verifying with the app's own public key instead of Alipay's",
  caughtBy: [...SIGNED_ENCRYPTED_SCENARIOS, 'sec-other-app-aes-key'],
  build: (options) => {
    if (options.appPublicKey === undefined) {
      throw new Error('app-public-key needs appPublicKey (APP_PUBLIC_KEY or keys/app-public.txt)');
    }
    return buildReferenceBackend({ ...options, steps: { verify: verifyWithAppKey } });
  },
};
