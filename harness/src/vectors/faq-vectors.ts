/**
 * One vector per outcome of the phone-number FAQ, delivered as Alipay delivers it (the outcome catalogue's
 * `delivery`): the same bytes the mock gateway issues in the named scenario, with the seeded mobile.
 */

import { faq1Success } from '../../../scenarios/faq/faq1-success.js';
import { faq2IsvPackageMissing } from '../../../scenarios/faq/faq2-isv-package-missing.js';
import { faq3Busy } from '../../../scenarios/faq/faq3-20000-busy.js';
import { faq3NoEncryptKey } from '../../../scenarios/faq/faq3-40001-no-encrypt-key.js';
import { faq3NoSignType } from '../../../scenarios/faq/faq3-40001-no-sign-type.js';
import { faq3EncryptError } from '../../../scenarios/faq/faq3-40002-encrypt-error.js';
import { faq3InvalidAuth } from '../../../scenarios/faq/faq3-40003-invalid-auth.js';
import { faq4EmptyMobile } from '../../../scenarios/faq/faq4-empty-mobile.js';
import { faq5NoPublicKey } from '../../../scenarios/faq/faq5-missing-sign-no-public-key.js';
import type { VectorDefinition } from './vector-definition.js';

export const faqVectors: readonly VectorDefinition[] = [
  {
    id: 'faq1-success',
    title: '10000 with a mobile, encrypted and signed (RSA2)',
    why: 'The normal case. Verify SHA256withRSA over the raw "response" value including its quotes, decrypt AES-128-CBC (zero IV, PKCS#7), read code 10000 and the mobile.',
    expect: { scenario: faq1Success },
    build: (kit) => kit.outcome('success'),
  },
  {
    id: 'faq4-empty-mobile',
    title: '10000 with mobile "" (no phone bound to the account)',
    why: 'A success code does not mean a number: an empty mobile is NO_MOBILE_BOUND, never an accepted empty string.',
    expect: { scenario: faq4EmptyMobile },
    build: (kit) => kit.outcome('empty-mobile'),
  },
  {
    id: 'faq3-20000-busy',
    title: '20000 系统繁忙, encrypted and signed',
    why: "A transient failure on Alipay's side: answer ALIPAY_BUSY so the page can retry; it verifies and decrypts like a success.",
    expect: { scenario: faq3Busy },
    build: (kit) => kit.outcome('20000'),
  },
  {
    id: 'faq3-40001-no-sign-type',
    title: '40001 应用未设置默认签名类型: encrypted, no sign',
    why: 'With no default sign type Alipay cannot sign: the payload has no sign. While signatures are required the answer is SIGNATURE_MISSING (ALIPAY_MISCONFIGURED is also correct).',
    expect: { scenario: faq3NoSignType },
    build: (kit) => kit.outcome('40001-sign-type'),
  },
  {
    id: 'faq3-40001-no-encrypt-key',
    title: '40001 缺少加密配置: a plain nested object, no sign',
    why: 'Without an AES key Alipay sends the error as a plain JSON object and cannot sign it. Nothing unsigned may be trusted: SIGNATURE_MISSING (or ALIPAY_MISCONFIGURED).',
    expect: { scenario: faq3NoEncryptKey },
    build: (kit) => kit.outcome('40001-encrypt-key'),
  },
  {
    id: 'faq3-40002-encrypt-error',
    title: '40002 加密异常: a plain nested object, no sign',
    why: 'An unusable AES key in the console: a plain, unsigned error. SIGNATURE_MISSING, ALIPAY_MISCONFIGURED or DECRYPT_FAILED are all correct; a mobile never is.',
    expect: { scenario: faq3EncryptError },
    build: (kit) => kit.outcome('40002'),
  },
  {
    id: 'faq3-40003-invalid-auth',
    title: '40003 无效的授权关系, encrypted and signed',
    why: 'No consent, or it expired. The payload verifies and decrypts perfectly: only its code says it failed. Answer AUTH_REQUIRED so the page shows the button again.',
    expect: { scenario: faq3InvalidAuth },
    build: (kit) => kit.outcome('40003'),
  },
  {
    id: 'faq2-isv-package-missing',
    title: '40006 ISV权限不足, encrypted and signed',
    why: 'The feature package or the phone scope is missing. Verifies and decrypts; the code must be read: ISV_PERMISSION_DENIED.',
    expect: { scenario: faq2IsvPackageMissing },
    build: (kit) => kit.outcome('40006'),
  },
  {
    id: 'faq5-missing-sign-no-public-key',
    title: '10000 encrypted but without sign (the console has no Alipay public key)',
    why: 'Alipay signs only when the public key, the AES key and the app gateway are all set. An unsigned ciphertext proves nothing (AES-CBC is malleable): SIGNATURE_MISSING, even though it would decrypt to a number.',
    expect: { scenario: faq5NoPublicKey },
    build: (kit) => kit.outcome('success', 'unsigned'),
  },
];
