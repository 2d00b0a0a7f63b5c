/**
 * Broken backend `empty-mobile-accepted`.
 * Bug: treats any 10000 as success, even with `"mobile":""` (an account without a bound phone): 200 with an empty
 * number instead of 422 NO_MOBILE_BOUND. Every other code is mapped correctly.
 * docs/protocol.md, mistake 6 (accepting an empty `mobile`).
 * Caught by: faq4-empty-mobile.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { interpretPlaintext, parsePayload } from '../../reference-backend/src/interpret.js';
import type { Outcome } from '../../reference-backend/src/types.js';
import type { BrokenBackend } from './broken-backend.js';

export function interpretAcceptingEmptyMobile(plaintext: string): Outcome {
  const parsed = parsePayload(plaintext);
  if (parsed.ok && parsed.payload.code === '10000' && typeof parsed.payload.mobile === 'string') {
    return { ok: true, mobile: parsed.payload.mobile }; // BUG: no check that the mobile is non-empty
  }
  return interpretPlaintext(plaintext);
}

export const emptyMobileAccepted: BrokenBackend = {
  description: 'accepts a 10000 payload with an empty mobile (200 "" instead of 422 NO_MOBILE_BOUND)',
  mistake: 'docs/protocol.md mistake 6: accepting an empty mobile',
  caughtBy: ['faq4-empty-mobile'],
  build: (options) => buildReferenceBackend({ ...options, steps: { interpret: interpretAcceptingEmptyMobile } }),
};
