import type { ScenarioDefinition } from '../../harness/src/scenario/types.js';
import { faq1ConsentExpired } from './faq1-consent-expired.js';
import { faq1NoConsent } from './faq1-no-consent.js';
import { faq1Success } from './faq1-success.js';
import { faq1UserRefuses } from './faq1-user-refuses.js';
import { faq2IsvPackageMissing } from './faq2-isv-package-missing.js';
import { faq2IsvPermissionPending } from './faq2-isv-permission-pending.js';
import { faq3Busy } from './faq3-20000-busy.js';
import { faq3NoEncryptKey } from './faq3-40001-no-encrypt-key.js';
import { faq3NoSignType } from './faq3-40001-no-sign-type.js';
import { faq3EncryptError } from './faq3-40002-encrypt-error.js';
import { faq3InvalidAuth } from './faq3-40003-invalid-auth.js';
import { faq4CiphertextNotPhone } from './faq4-ciphertext-not-phone.js';
import { faq4EmptyMobile } from './faq4-empty-mobile.js';
import { faq5NoAesKey } from './faq5-missing-sign-no-aes-key.js';
import { faq5NoGateway } from './faq5-missing-sign-no-gateway.js';
import { faq5NoPublicKey } from './faq5-missing-sign-no-public-key.js';

/** Every case of the phone-number FAQ, in FAQ order (ids: docs/scenarios.md). */
export const faqScenarios: readonly ScenarioDefinition[] = [
  faq1Success,
  faq1NoConsent,
  faq1UserRefuses,
  faq1ConsentExpired,
  faq2IsvPackageMissing,
  faq2IsvPermissionPending,
  faq3Busy,
  faq3NoSignType,
  faq3NoEncryptKey,
  faq3EncryptError,
  faq3InvalidAuth,
  faq4CiphertextNotPhone,
  faq4EmptyMobile,
  faq5NoPublicKey,
  faq5NoAesKey,
  faq5NoGateway,
];
