/**
 * An app's console settings, written once: this schema is the settings' TypeScript type (`apps.ts`), the admin
 * API's validator for app bodies (Fastify's Ajv) and their OpenAPI document.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { EnvelopeForm, SignType } from '../protocol/index.js';

/** A fixed list of strings, as a plain JSON-schema `enum` (Ajv's message then names the allowed values). */
const stringEnum = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const AES_KEY_STATUSES = ['set', 'not-set', 'unusable'] as const;
export type AesKeyStatus = (typeof AES_KEY_STATUSES)[number];
export const PHONE_PACKAGES = ['not-added', 'added', 'approved'] as const;
export type PhonePackage = (typeof PHONE_PACKAGES)[number];

/** The longest consent lifetime or clock step, in ms (ten years). */
export const MAX_SPAN_MS = 315_360_000_000;

/** A consent lifetime in ms; null = never expires. */
export const ConsentTtlSchema = Type.Unsafe<number | null>({
  type: ['integer', 'null'],
  minimum: 0,
  maximum: MAX_SPAN_MS,
  description: 'consent lifetime in ms; null = never expires',
});

export const AppSettingsSchema = Type.Object(
  {
    alipayPublicKeySet: Type.Boolean({
      description: '支付宝公钥 set (接口加签方式); false → the envelope has no sign',
    }),
    signType: Type.Unsafe<SignType | null>({
      type: ['string', 'null'],
      enum: ['RSA2', 'RSA', null],
      description: '默认签名类型; null (not set) → 40001 isv.missing-default-signature-type',
    }),
    aesKeyStatus: stringEnum<AesKeyStatus>(
      AES_KEY_STATUSES,
      'AES key (接口内容加密方式): not-set → 40001 isv.missing-encrypt-key; unusable → 40002',
    ),
    aesKey: Type.Optional(
      Type.String({
        minLength: 16,
        maxLength: 64,
        pattern: '^[A-Za-z0-9+/]+={0,2}$',
        description: "Base64 AES key the app uses (16, 24 or 32 bytes); default: the keys directory's aes.txt",
      }),
    ),
    appGatewaySet: Type.Boolean({ description: '应用网关 set; false → the envelope has no sign' }),
    phonePackage: stringEnum<PhonePackage>(
      PHONE_PACKAGES,
      '获取会员手机号 feature package and its 用户信息申请; not approved → 40006',
    ),
    envelopeForm: stringEnum<EnvelopeForm>(['long', 'short'], 'long for apps, short for ISV template apps'),
    consentTtlMs: ConsentTtlSchema,
  },
  { additionalProperties: false },
);

/**
 * An app's console settings (开放平台控制台 > 设置 > 开发设置, and the feature list). Their absence *causes* the FAQ's
 * outcomes; see `resolveOutcome`.
 */
export type AppSettings = { appId: string } & Static<typeof AppSettingsSchema>;

export const AppPatchSchema = Type.Partial(AppSettingsSchema);
/** Settings to change; the others keep their values. */
export type AppPatch = Static<typeof AppPatchSchema>;
