/**
 * Step "keys": the Alipay public key the backend verifies with (bare Base64 or PEM, SPKI or PKCS#1, or the
 * certificate), checked against the two classic confusions: a private key pasted where the public key belongs, and
 * the app's own public key used instead of Alipay's.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  type KeyFormat,
  parsePrivateKey,
  parsePublicKey,
  samePublicKey,
} from '../../../mock-gateway/src/protocol/keys.js';
import { echo } from './echo.js';
import type { DiagnosisStep } from './types.js';

export interface KeysCheck {
  /** the key verification runs with (derived from a private key when one was given) */
  alipayKey?: KeyObject;
  appKey?: KeyObject;
  /** the Alipay public key given is a certificate (公钥证书 mode) */
  certMode: boolean;
  /** the key given as Alipay's is the app's own key */
  alipayKeyIsApp: boolean;
  steps: DiagnosisStep[];
}

const WHERE_ALIPAY_KEY = '支付宝公钥: 开放平台控制台 > 设置 > 开发设置 > 接口加签方式 (not your 应用公钥)';

const FORMAT_NAMES: Record<KeyFormat, string> = {
  'spki-base64': 'bare Base64 SubjectPublicKeyInfo, as the console shows it',
  'pkcs1-base64': 'bare Base64 PKCS#1 RSA public key',
  'spki-pem': 'SPKI PEM (BEGIN PUBLIC KEY)',
  'pkcs1-pem': 'PKCS#1 PEM (BEGIN RSA PUBLIC KEY)',
  'x509-pem': 'an X.509 certificate (公钥证书 mode): using the key it certifies',
  'pkcs8-pem': 'PKCS#8 PEM',
  'pkcs8-base64': 'bare Base64 PKCS#8',
};

function bits(key: KeyObject): string {
  const n = key.asymmetricKeyDetails?.modulusLength;
  return n ? `RSA-${n}` : 'RSA';
}

function fromPrivate(text: string): KeyObject | undefined {
  const priv = parsePrivateKey(text);
  return priv.ok ? createPublicKey(priv.value.key) : undefined;
}

function readAppKey(text: string, steps: DiagnosisStep[]): KeyObject | undefined {
  const parsed = parsePublicKey(text);
  if (parsed.ok) return parsed.value.key;
  const derived = /private key/.test(parsed.reason) ? fromPrivate(text) : undefined;
  steps.push({
    step: 'keys',
    status: 'warn',
    finding: 'bad-app-public-key',
    message: derived
      ? 'the app public key given is a private key (应用私钥): using its public half'
      : `the app public key given cannot be used: ${echo(parsed.reason, 200)}`,
    fix: 'pass --app-public-key with your 应用公钥 (bare Base64 or PEM)',
  });
  return derived;
}

export function checkKeys(input: { alipayPublicKey?: string; appPublicKey?: string }): KeysCheck {
  const steps: DiagnosisStep[] = [];
  const appKey =
    input.appPublicKey !== undefined && input.appPublicKey.trim() !== ''
      ? readAppKey(input.appPublicKey, steps)
      : undefined;
  const base: KeysCheck = { certMode: false, alipayKeyIsApp: false, steps, ...(appKey ? { appKey } : {}) };
  const text = input.alipayPublicKey;
  if (text === undefined || text.trim() === '') {
    steps.unshift({
      step: 'keys',
      status: 'skip',
      finding: 'no-alipay-public-key',
      message: 'no Alipay public key given: the signature cannot be checked',
      fix: `pass --alipay-public-key with the key your backend verifies with (${WHERE_ALIPAY_KEY})`,
    });
    return base;
  }
  const parsed = parsePublicKey(text);
  if (!parsed.ok) {
    const derived = /private key/.test(parsed.reason) ? fromPrivate(text) : undefined;
    if (derived) {
      const isApp = appKey !== undefined && samePublicKey(derived, appKey);
      steps.unshift({
        step: 'keys',
        status: 'fail',
        finding: 'private-key-given',
        message:
          `the Alipay public key you gave is a private key (${echo(parsed.reason.replace(/^this is a private key \(|\), not a public key$/g, ''), 200)})` +
          (isApp
            ? ": it is your app's private key (应用私钥), the one that signs your OpenAPI requests"
            : ': Alipay never gives out its private key — this is most likely your 应用私钥') +
          '; continuing with its public half',
        fix: `verify with ${WHERE_ALIPAY_KEY}; a private key has no place in verification code (a PKCS#1/PKCS#8 private key read as the public key)`,
      });
      return { ...base, alipayKey: derived, alipayKeyIsApp: isApp };
    }
    steps.unshift({
      step: 'keys',
      status: 'fail',
      finding: 'bad-public-key',
      message: `the Alipay public key cannot be parsed: ${echo(parsed.reason, 200)}`,
      fix: `paste ${WHERE_ALIPAY_KEY}, as bare Base64 (one line) or as PEM`,
    });
    return base;
  }
  const key = parsed.value.key;
  const certMode = parsed.value.format === 'x509-pem';
  if (appKey && samePublicKey(key, appKey)) {
    steps.unshift({
      step: 'keys',
      status: 'fail',
      finding: 'app-key-as-alipay-key',
      message:
        "the Alipay public key you gave is your app's own public key (应用公钥): you are verifying with your app's key, not Alipay's, so no payload Alipay signed can verify",
      fix: `verify with ${WHERE_ALIPAY_KEY}; the app key pair only signs your own OpenAPI requests`,
    });
    return { ...base, alipayKey: key, certMode, alipayKeyIsApp: true };
  }
  steps.unshift({
    step: 'keys',
    status: 'ok',
    finding: 'key-ok',
    message: `Alipay public key: ${bits(key)}, ${FORMAT_NAMES[parsed.value.format]}`,
  });
  return { ...base, alipayKey: key, certMode };
}
