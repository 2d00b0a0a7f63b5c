/**
 * The broken backends: each is the reference backend with exactly one bug (PROTOCOL.md §6). `caughtBy` lists the
 * scenarios that must fail against it; every FAQ scenario not listed must pass against it.
 */
import { appPublicKey } from './app-public-key.js';
import { authAsGeneric } from './auth-as-generic.js';
import type { BrokenBackend } from './broken-backend.js';
import { busyNotRetryable } from './busy-not-retryable.js';
import { codeIgnored } from './code-ignored.js';
import { crashOnMissingSign } from './crash-on-missing-sign.js';
import { decryptBeforeVerify } from './decrypt-before-verify.js';
import { emptyMobileAccepted } from './empty-mobile-accepted.js';
import { isvAsAuth } from './isv-as-auth.js';
import { missingSignAccepted } from './missing-sign-accepted.js';
import { noQuotes } from './no-quotes.js';
import { plaintextTrusted } from './plaintext-trusted.js';
import { utf8AesKey } from './utf8-aes-key.js';

export type { BrokenBackend, BrokenBackendOptions } from './broken-backend.js';
export { FAQ_SCENARIO_IDS, PROPOSED_SECURITY_SCENARIOS } from './broken-backend.js';

export const brokenBackends: Readonly<Record<string, BrokenBackend>> = {
  'no-quotes': noQuotes,
  'app-public-key': appPublicKey,
  'code-ignored': codeIgnored,
  'empty-mobile-accepted': emptyMobileAccepted,
  'missing-sign-accepted': missingSignAccepted,
  'crash-on-missing-sign': crashOnMissingSign,
  'busy-not-retryable': busyNotRetryable,
  'auth-as-generic': authAsGeneric,
  'isv-as-auth': isvAsAuth,
  'utf8-aes-key': utf8AesKey,
  'plaintext-trusted': plaintextTrusted,
  'decrypt-before-verify': decryptBeforeVerify,
};

export const BROKEN_BACKEND_NAMES: readonly string[] = Object.keys(brokenBackends);
