/**
 * The broken backends: each is the reference backend with exactly one bug (docs/protocol.md, "Mistakes backends make"). `caughtBy` lists the
 * scenarios that fail against it; every scenario not listed passes against it.
 */
import { appPublicKey } from './app-public-key.js';
import { authAsGeneric } from './auth-as-generic.js';
import type { BrokenBackend } from './broken-backend.js';
import { busyNotRetryable } from './busy-not-retryable.js';
import { codeIgnored } from './code-ignored.js';
import { crashOnMalformed } from './crash-on-malformed.js';
import { crashOnMissingSign } from './crash-on-missing-sign.js';
import { decryptBeforeVerify } from './decrypt-before-verify.js';
import { diesOnHugeBody } from './dies-on-huge-body.js';
import { duplicateKeyConfusion } from './duplicate-key-confusion.js';
import { emptyMobileAccepted } from './empty-mobile-accepted.js';
import { isvAnyAppKey } from './isv-any-app-key.js';
import { isvAsAuth } from './isv-as-auth.js';
import { missingSignAccepted } from './missing-sign-accepted.js';
import { noQuotes } from './no-quotes.js';
import { plaintextTrusted } from './plaintext-trusted.js';
import { protoPollution } from './proto-pollution.js';
import { utf8AesKey } from './utf8-aes-key.js';
import { verifyIgnored } from './verify-ignored.js';

export type { BrokenBackend, BrokenBackendOptions } from './broken-backend.js';
export { FAQ_SCENARIO_IDS } from './broken-backend.js';

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
  'verify-ignored': verifyIgnored,
  'isv-any-app-key': isvAnyAppKey,
  'crash-on-malformed': crashOnMalformed,
  'dies-on-huge-body': diesOnHugeBody,
  'duplicate-key-confusion': duplicateKeyConfusion,
  'proto-pollution': protoPollution,
};

export const BROKEN_BACKEND_NAMES: readonly string[] = Object.keys(brokenBackends);
