/**
 * Broken backend `auth-as-generic`.
 * Bug: maps 40003 (无效的授权关系: no consent, or consent expired) to a generic 400 BAD_REQUEST, so the page cannot
 * know it must show the getAuthorize button again (AUTH_REQUIRED).
 * docs/protocol.md, mistake 6 (not checking the decrypted code properly).
 * Caught by: faq1-no-consent, faq1-consent-expired, faq3-40003-invalid-auth.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { ALIPAY_CODE_TABLE, createInterpret } from '../../reference-backend/src/interpret.js';
import type { BrokenBackend } from './broken-backend.js';

export const interpretAuthAsGeneric = createInterpret({
  ...ALIPAY_CODE_TABLE,
  // BUG: 40003 means "ask the user again", not "your request is malformed".
  '40003': { code: 'BAD_REQUEST', reason: 'Alipay rejected the request' },
});

export const authAsGeneric: BrokenBackend = {
  description: '40003 (no or expired consent) → 400 BAD_REQUEST instead of 403 AUTH_REQUIRED',
  mistake: 'docs/protocol.md mistake 6: misreading the decrypted code (40003 needs a new consent)',
  caughtBy: ['faq1-no-consent', 'faq1-consent-expired', 'faq3-40003-invalid-auth'],
  build: (options) => buildReferenceBackend({ ...options, steps: { interpret: interpretAuthAsGeneric } }),
};
