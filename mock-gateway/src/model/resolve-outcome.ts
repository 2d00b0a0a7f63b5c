import type { OutcomeId } from '../protocol/index.js';
import type { AppSettings } from './app-schema.js';
import type { Consent } from './store.js';
import type { User } from './users.js';

export interface ResolvedOutcome {
  outcome: OutcomeId;
  /** encrypt the plaintext (false: a plain nested object) */
  encrypt: boolean;
  /** carry `sign` */
  sign: boolean;
  /** the modelled cause, in words (goes to the journal and reports) */
  cause: string;
}

/**
 * Cause → outcome, as the FAQ describes it. Precedence (first that applies):
 * 1. AES key not set → 40001 isv.missing-encrypt-key, plain object, unsigned
 * 2. AES key unusable → 40002 isv.invalid-encrypt, plain object, unsigned
 * 3. no default sign type → 40001 isv.missing-default-signature-type, encrypted, unsigned
 * 4. feature package not added / not approved → 40006
 * 5. no consent, a refusal, or an expired consent → 40003
 * 6. the member has no bound phone → 10000 with mobile ""
 * 7. otherwise → 10000 with the mobile
 * `sign` is then dropped when the Alipay public key or the app gateway is not set (FAQ: 为何没有返回 sign).
 */
export function resolveOutcome(
  app: AppSettings,
  user: User,
  consent: Consent | undefined,
  now: number,
): ResolvedOutcome {
  const signable = app.alipayPublicKeySet && app.appGatewaySet;
  const unsignedWhy = !app.alipayPublicKeySet
    ? '; the Alipay public key is not set, so no sign'
    : !app.appGatewaySet
      ? '; the app gateway is not set, so no sign'
      : '';
  if (app.aesKeyStatus === 'not-set') {
    return { outcome: '40001-encrypt-key', encrypt: false, sign: false, cause: 'the AES key is not set' };
  }
  if (app.aesKeyStatus === 'unusable') {
    return { outcome: '40002', encrypt: false, sign: false, cause: 'the AES key set in the console is unusable' };
  }
  if (app.signType === null) {
    return { outcome: '40001-sign-type', encrypt: true, sign: false, cause: 'the app has no default sign type' };
  }
  if (app.phonePackage !== 'approved') {
    const cause =
      app.phonePackage === 'not-added'
        ? 'the 获取会员手机号 feature package is not added'
        : 'the feature package is added but 用户信息申请 (phone scope) is not approved';
    return { outcome: '40006', encrypt: true, sign: signable, cause: cause + unsignedWhy };
  }
  if (consent?.decision !== 'allow') {
    const cause =
      consent?.decision === 'deny' ? 'the member refused consent' : 'the member never consented through the button';
    return { outcome: '40003', encrypt: true, sign: signable, cause: cause + unsignedWhy };
  }
  if (consent.expiresAt !== null && consent.expiresAt <= now) {
    return { outcome: '40003', encrypt: true, sign: signable, cause: `the member's consent expired${unsignedWhy}` };
  }
  if (user.mobile === '') {
    return {
      outcome: 'empty-mobile',
      encrypt: true,
      sign: signable,
      cause: `the member has no bound phone${unsignedWhy}`,
    };
  }
  return { outcome: 'success', encrypt: true, sign: signable, cause: `the member consented${unsignedWhy}` };
}
