/**
 * Broken backend `busy-not-retryable`.
 * Bug: maps 20000 (系统繁忙, transient: retry later) to 502 ALIPAY_MISCONFIGURED, so the page tells the user the
 * app is misconfigured instead of offering a retry (503 ALIPAY_BUSY).
 * docs/protocol.md, mistake 6 (not checking the decrypted code properly: 20000 is not a configuration error).
 * Caught by: faq3-20000-busy.
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { ALIPAY_CODE_TABLE, createInterpret } from '../../reference-backend/src/interpret.js';
import type { BrokenBackend } from './broken-backend.js';

export const interpretBusyAsMisconfigured = createInterpret({
  ...ALIPAY_CODE_TABLE,
  // BUG: 20000 is transient; it belongs to ALIPAY_BUSY (503), not to a configuration error.
  '20000': { code: 'ALIPAY_MISCONFIGURED', reason: 'Alipay returned an error: check the app configuration' },
});

export const busyNotRetryable: BrokenBackend = {
  description: '20000 (busy, retry later) → 502 ALIPAY_MISCONFIGURED instead of 503 ALIPAY_BUSY',
  mistake: 'docs/protocol.md mistake 6: misreading the decrypted code (20000 is transient)',
  caughtBy: ['faq3-20000-busy'],
  build: (options) => buildReferenceBackend({ ...options, steps: { interpret: interpretBusyAsMisconfigured } }),
};
