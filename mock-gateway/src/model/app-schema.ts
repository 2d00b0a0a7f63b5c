/**
 * An app's console settings, written once as JSON Schema: their TypeScript types are derived from it
 * (json-schema-to-ts, types only), the admin API validates app bodies against it and the OpenAPI document shows it.
 */
import type { FromSchema } from 'json-schema-to-ts';

/** The longest consent lifetime or clock step, in ms (ten years). */
export const MAX_SPAN_MS = 315_360_000_000;

export const AES_KEY_STATUSES = ['set', 'not-set', 'unusable'] as const;
export type AesKeyStatus = (typeof AES_KEY_STATUSES)[number];
export const PHONE_PACKAGES = ['not-added', 'added', 'approved'] as const;
export type PhonePackage = (typeof PHONE_PACKAGES)[number];

/** A consent lifetime in ms; null = never expires. */
export const CONSENT_TTL_SCHEMA = {
  type: ['integer', 'null'],
  minimum: 0,
  maximum: MAX_SPAN_MS,
  description: 'consent lifetime in ms; null = never expires',
} as const;

export const APP_SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'alipayPublicKeySet',
    'signType',
    'aesKeyStatus',
    'appGatewaySet',
    'phonePackage',
    'envelopeForm',
    'consentTtlMs',
  ],
  properties: {
    alipayPublicKeySet: {
      type: 'boolean',
      description: '支付宝公钥 set (接口加签方式); false → the envelope has no sign',
    },
    signType: {
      type: ['string', 'null'],
      enum: ['RSA2', 'RSA', null],
      description: '默认签名类型; null (not set) → 40001 isv.missing-default-signature-type',
    },
    aesKeyStatus: {
      type: 'string',
      enum: AES_KEY_STATUSES,
      description: 'AES key (接口内容加密方式): not-set → 40001 isv.missing-encrypt-key; unusable → 40002',
    },
    aesKey: {
      type: 'string',
      minLength: 16,
      maxLength: 64,
      pattern: '^[A-Za-z0-9+/]+={0,2}$',
      description: "Base64 AES key the app uses (16, 24 or 32 bytes); default: the keys directory's aes.txt",
    },
    appGatewaySet: { type: 'boolean', description: '应用网关 set; false → the envelope has no sign' },
    phonePackage: {
      type: 'string',
      enum: PHONE_PACKAGES,
      description: '获取会员手机号 feature package and its 用户信息申请; not approved → 40006',
    },
    envelopeForm: {
      type: 'string',
      enum: ['long', 'short'],
      description: 'long for apps, short for ISV template apps',
    },
    consentTtlMs: CONSENT_TTL_SCHEMA,
  },
} as const;

/**
 * An app's console settings (开放平台控制台 > 设置 > 开发设置, and the feature list). Their absence *causes* the FAQ's
 * outcomes; see `resolveOutcome`.
 */
export type AppSettings = { appId: string } & FromSchema<typeof APP_SETTINGS_SCHEMA>;

/** Settings to change; the others keep their values. */
export type AppPatch = Partial<FromSchema<typeof APP_SETTINGS_SCHEMA>>;
