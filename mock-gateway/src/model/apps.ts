import type { EnvelopeForm, SignType } from '../protocol/index.js';

export type AesKeyStatus = 'set' | 'not-set' | 'unusable';
export type PhonePackage = 'not-added' | 'added' | 'approved';

/**
 * An app's console settings (开放平台控制台 > 设置 > 开发设置, and the feature list). Their absence *causes* the FAQ's
 * outcomes; see `resolveOutcome`.
 */
export interface AppSettings {
  appId: string;
  /** 支付宝公钥 set (接口加签方式) — unset: no `sign` */
  alipayPublicKeySet: boolean;
  /** 默认签名类型; null = not set → 40001 isv.missing-default-signature-type */
  signType: SignType | null;
  /** AES key (接口内容加密方式): not set → 40001 isv.missing-encrypt-key; unusable → 40002 */
  aesKeyStatus: AesKeyStatus;
  /** Base64 AES key the app uses; default: the keys directory's `aes.txt` */
  aesKey?: string;
  /** 应用网关 set — unset: no `sign` */
  appGatewaySet: boolean;
  /** 获取会员手机号 feature package and its 用户信息申请 */
  phonePackage: PhonePackage;
  /** envelope form: `long` for apps, `short` for ISV template apps */
  envelopeForm: EnvelopeForm;
  /** consent lifetime in ms; null = never expires */
  consentTtlMs: number | null;
}

export type AppPatch = Partial<Omit<AppSettings, 'appId'>>;

export function defaultApp(appId: string): AppSettings {
  return {
    appId,
    alipayPublicKeySet: true,
    signType: 'RSA2',
    aesKeyStatus: 'set',
    appGatewaySet: true,
    phonePackage: 'approved',
    envelopeForm: 'long',
    consentTtlMs: null,
  };
}
