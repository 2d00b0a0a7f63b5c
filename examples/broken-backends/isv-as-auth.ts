/**
 * Broken backend `isv-as-auth`.
 * Bug: maps 40006 (ISV权限不足: the feature package is missing or the phone scope not approved) to 403
 * AUTH_REQUIRED, so the page keeps asking the user for a consent that cannot help; the operator never learns the
 * console needs fixing (ISV_PERMISSION_DENIED).
 * docs/protocol.md, mistake 6 (not checking the decrypted code properly).
 * Caught by: faq2-isv-package-missing, faq2-isv-permission-pending.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { ALIPAY_CODE_TABLE, createInterpret } from '../../reference-backend/src/interpret.js';
import type { BrokenBackend } from './broken-backend.js';

export const interpretIsvAsAuth = createInterpret({
  ...ALIPAY_CODE_TABLE,
  // BUG: 40006 is a console/permission problem, not a user consent problem.
  '40006': { code: 'AUTH_REQUIRED', reason: 'please authorise again' },
});

export const isvAsAuth: BrokenBackend = {
  description: '40006 (ISV permission missing) → 403 AUTH_REQUIRED instead of 502 ISV_PERMISSION_DENIED',
  mistake: 'docs/protocol.md mistake 6: misreading the decrypted code (40006 is a console permission problem)',
  caughtBy: ['faq2-isv-package-missing', 'faq2-isv-permission-pending'],
  build: (options) => buildReferenceBackend({ ...options, steps: { interpret: interpretIsvAsAuth } }),
};
