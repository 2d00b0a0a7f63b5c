/**
 * Broken backend `code-ignored`.
 * Bug: once the payload verifies and decrypts, it returns its `mobile` field whatever the `code` — 40003/40006/
 * 20000 decrypt fine and have no mobile, so the answer is 200 `{ "mobile": "" }`.
 * docs/protocol.md, mistake 6 (not checking the decrypted `code`).
 * Caught by: faq1-no-consent, faq1-consent-expired, faq2-isv-package-missing, faq2-isv-permission-pending,
 * faq3-20000-busy, faq3-40003-invalid-auth (200 instead of a rejection), and faq4-empty-mobile (the same line
 * returns the empty mobile: a 200 without a usable number is neither accepted nor rejected). Unsigned envelopes
 * never reach this step (SIGNATURE_MISSING first).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { parsePayload } from '../../reference-backend/src/interpret.js';
import type { Outcome } from '../../reference-backend/src/types.js';
import type { BrokenBackend } from './broken-backend.js';

export function interpretIgnoringCode(plaintext: string): Outcome {
  const parsed = parsePayload(plaintext);
  if (!parsed.ok) return parsed;
  // BUG: `code` is never looked at.
  return { ok: true, mobile: String(parsed.payload.mobile ?? '') };
}

export const codeIgnored: BrokenBackend = {
  description: "returns the decrypted payload's mobile field whatever its code (200 with an empty mobile on 40003)",
  mistake: 'docs/protocol.md mistake 6: not checking the decrypted code',
  caughtBy: [
    'faq1-no-consent',
    'faq1-consent-expired',
    'faq2-isv-package-missing',
    'faq2-isv-permission-pending',
    'faq3-20000-busy',
    'faq3-40003-invalid-auth',
    'faq4-empty-mobile',
  ],
  build: (options) => buildReferenceBackend({ ...options, steps: { interpret: interpretIgnoringCode } }),
};
