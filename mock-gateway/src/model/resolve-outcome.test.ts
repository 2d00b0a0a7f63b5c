import { describe, expect, it } from 'vitest';
import type { AppSettings } from './app-schema.js';
import { defaultApp } from './apps.js';
import { type ResolvedOutcome, resolveOutcome } from './resolve-outcome.js';
import type { Consent } from './store.js';
import { DEMO_USER, type User } from './users.js';

const NOW = Date.UTC(2026, 0, 1);
const app = (patch: Partial<AppSettings> = {}): AppSettings => ({ ...defaultApp('2021000000000009'), ...patch });
const allow: Consent = { decision: 'allow', at: NOW - 1000, expiresAt: null };
const user: User = DEMO_USER;
const noMobile: User = { ...DEMO_USER, mobile: '' };

type Row = [
  name: string,
  app: Partial<AppSettings>,
  consent: Consent | undefined,
  user: User,
  expected: Omit<ResolvedOutcome, 'cause'> & { cause: RegExp },
];

const table: Row[] = [
  [
    'all set, consent → success',
    {},
    allow,
    user,
    { outcome: 'success', encrypt: true, sign: true, cause: /consented$/ },
  ],
  [
    'AES key not set',
    { aesKeyStatus: 'not-set' },
    allow,
    user,
    { outcome: '40001-encrypt-key', encrypt: false, sign: false, cause: /AES key is not set/ },
  ],
  [
    'AES key unusable',
    { aesKeyStatus: 'unusable' },
    allow,
    user,
    { outcome: '40002', encrypt: false, sign: false, cause: /unusable/ },
  ],
  [
    'no default sign type',
    { signType: null },
    allow,
    user,
    { outcome: '40001-sign-type', encrypt: true, sign: false, cause: /no default sign type/ },
  ],
  [
    'package not added',
    { phonePackage: 'not-added' },
    allow,
    user,
    { outcome: '40006', encrypt: true, sign: true, cause: /not added/ },
  ],
  [
    'package added, not approved',
    { phonePackage: 'added' },
    allow,
    user,
    { outcome: '40006', encrypt: true, sign: true, cause: /not approved/ },
  ],
  ['no consent', {}, undefined, user, { outcome: '40003', encrypt: true, sign: true, cause: /never consented/ }],
  [
    'consent "none" (revoked)',
    {},
    { decision: 'none', at: NOW, expiresAt: null },
    user,
    { outcome: '40003', encrypt: true, sign: true, cause: /never consented/ },
  ],
  [
    'refusal',
    {},
    { decision: 'deny', at: NOW, expiresAt: null },
    user,
    { outcome: '40003', encrypt: true, sign: true, cause: /refused/ },
  ],
  [
    'consent expired (at now)',
    {},
    { ...allow, expiresAt: NOW },
    user,
    { outcome: '40003', encrypt: true, sign: true, cause: /expired/ },
  ],
  [
    'consent expired (before now)',
    {},
    { ...allow, expiresAt: NOW - 1 },
    user,
    { outcome: '40003', encrypt: true, sign: true, cause: /expired/ },
  ],
  [
    'consent not yet expired',
    {},
    { ...allow, expiresAt: NOW + 1 },
    user,
    { outcome: 'success', encrypt: true, sign: true, cause: /consented$/ },
  ],
  [
    'empty mobile',
    {},
    allow,
    noMobile,
    { outcome: 'empty-mobile', encrypt: true, sign: true, cause: /no bound phone/ },
  ],
  [
    'public key unset → unsigned success',
    { alipayPublicKeySet: false },
    allow,
    user,
    { outcome: 'success', encrypt: true, sign: false, cause: /public key is not set/ },
  ],
  [
    'app gateway unset → unsigned success',
    { appGatewaySet: false },
    allow,
    user,
    { outcome: 'success', encrypt: true, sign: false, cause: /app gateway is not set/ },
  ],
  [
    'public key unset → unsigned 40003',
    { alipayPublicKeySet: false },
    undefined,
    user,
    { outcome: '40003', encrypt: true, sign: false, cause: /public key is not set/ },
  ],
  [
    'app gateway unset → unsigned 40006',
    { appGatewaySet: false, phonePackage: 'added' },
    allow,
    user,
    { outcome: '40006', encrypt: true, sign: false, cause: /app gateway/ },
  ],
  [
    'public key unset → unsigned empty-mobile',
    { alipayPublicKeySet: false },
    allow,
    noMobile,
    { outcome: 'empty-mobile', encrypt: true, sign: false, cause: /public key/ },
  ],
  [
    'RSA sign type still signs',
    { signType: 'RSA' },
    allow,
    user,
    { outcome: 'success', encrypt: true, sign: true, cause: /consented/ },
  ],
  // precedence: the first cause in the documented order wins
  [
    'precedence: AES not-set beats everything',
    { aesKeyStatus: 'not-set', signType: null, phonePackage: 'not-added', alipayPublicKeySet: false },
    undefined,
    noMobile,
    { outcome: '40001-encrypt-key', encrypt: false, sign: false, cause: /AES/ },
  ],
  [
    'precedence: AES unusable beats sign type',
    { aesKeyStatus: 'unusable', signType: null, phonePackage: 'added' },
    undefined,
    user,
    { outcome: '40002', encrypt: false, sign: false, cause: /unusable/ },
  ],
  [
    'precedence: sign type beats package',
    { signType: null, phonePackage: 'not-added' },
    undefined,
    user,
    { outcome: '40001-sign-type', encrypt: true, sign: false, cause: /sign type/ },
  ],
  [
    'precedence: package beats consent',
    { phonePackage: 'added' },
    { decision: 'deny', at: NOW, expiresAt: null },
    user,
    { outcome: '40006', encrypt: true, sign: true, cause: /not approved/ },
  ],
  [
    'precedence: consent beats empty mobile',
    {},
    undefined,
    noMobile,
    { outcome: '40003', encrypt: true, sign: true, cause: /never consented/ },
  ],
  [
    'precedence: expired beats empty mobile',
    {},
    { ...allow, expiresAt: NOW - 5 },
    noMobile,
    { outcome: '40003', encrypt: true, sign: true, cause: /expired/ },
  ],
  [
    'public key named before app gateway when both unset',
    { alipayPublicKeySet: false, appGatewaySet: false },
    allow,
    user,
    { outcome: 'success', encrypt: true, sign: false, cause: /public key is not set/ },
  ],
];

describe('resolveOutcome: console setting / consent → outcome', () => {
  it.each(table)('%s', (_name, patch, consent, u, expected) => {
    const r = resolveOutcome(app(patch), u, consent, NOW);
    expect({ outcome: r.outcome, encrypt: r.encrypt, sign: r.sign }).toEqual({
      outcome: expected.outcome,
      encrypt: expected.encrypt,
      sign: expected.sign,
    });
    expect(r.cause).toMatch(expected.cause);
  });

  it('sign is dropped for every signable outcome when the public key or the gateway is unset, never added', () => {
    const consents = [allow, undefined, { ...allow, expiresAt: NOW - 1 }];
    const packages = ['not-added', 'added', 'approved'] as const;
    for (const phonePackage of packages) {
      for (const consent of consents) {
        for (const [pk, gw] of [
          [true, true],
          [false, true],
          [true, false],
          [false, false],
        ] as const) {
          const r = resolveOutcome(
            app({ phonePackage, alipayPublicKeySet: pk, appGatewaySet: gw }),
            user,
            consent,
            NOW,
          );
          expect(r.sign).toBe(pk && gw);
          expect(r.encrypt).toBe(true);
        }
      }
    }
  });

  it('depends on the time it is given, not on a clock of its own', () => {
    const consent: Consent = { ...allow, expiresAt: NOW + 10 };
    expect(resolveOutcome(app(), user, consent, NOW + 9).outcome).toBe('success');
    expect(resolveOutcome(app(), user, consent, NOW + 10).outcome).toBe('40003');
  });
});
