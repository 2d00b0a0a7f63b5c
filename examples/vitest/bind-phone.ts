/**
 * A team's own phone-binding step, as small as it can be while still correct (docs/protocol.md): parse the envelope
 * `my.getPhoneNumber` gave the page, verify Alipay's signature over the QUOTED ciphertext, only then decrypt
 * (AES-128-CBC, zero IV), then read the decrypted `code`. This is the code under test in phone-binding.test.ts.
 */
import { createDecipheriv, createPublicKey, createVerify } from 'node:crypto';

export interface AlipayKeys {
  /** Alipay's public key, bare Base64 SPKI, as the console shows it */
  alipayPublicKey: string;
  /** the app's AES key, Base64 */
  aesKey: string;
}

export type BindResult =
  | { ok: true; mobile: string }
  | {
      ok: false;
      code:
        | 'BAD_REQUEST'
        | 'SIGNATURE_MISSING'
        | 'SIGNATURE_INVALID'
        | 'DECRYPT_FAILED'
        | 'AUTH_REQUIRED'
        | 'ISV_PERMISSION_DENIED'
        | 'ALIPAY_MISCONFIGURED'
        | 'ALIPAY_BUSY'
        | 'NO_MOBILE_BOUND';
    };

const BY_CODE: Record<string, Extract<BindResult, { ok: false }>['code']> = {
  '20000': 'ALIPAY_BUSY',
  '40001': 'ALIPAY_MISCONFIGURED',
  '40002': 'ALIPAY_MISCONFIGURED',
  '40003': 'AUTH_REQUIRED',
  '40006': 'ISV_PERMISSION_DENIED',
};

export function bindPhone(encryptedData: string, keys: AlipayKeys): BindResult {
  let envelope: { response?: unknown; sign?: unknown; sign_type?: unknown };
  try {
    envelope = JSON.parse(encryptedData);
  } catch {
    return { ok: false, code: 'BAD_REQUEST' };
  }
  if (typeof envelope.response !== 'string') {
    // a plain nested object (40001 without an AES key) is never signed: refuse it
    return {
      ok: false,
      code: envelope.response && typeof envelope.response === 'object' ? 'SIGNATURE_MISSING' : 'BAD_REQUEST',
    };
  }
  if (typeof envelope.sign !== 'string') return { ok: false, code: 'SIGNATURE_MISSING' };
  const key = createPublicKey({ key: Buffer.from(keys.alipayPublicKey, 'base64'), format: 'der', type: 'spki' });
  const verifier = createVerify(envelope.sign_type === 'RSA' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(`"${envelope.response}"`, 'utf8');
  if (!verifier.verify(key, envelope.sign, 'base64')) return { ok: false, code: 'SIGNATURE_INVALID' };
  let plain: { code?: string; mobile?: string };
  try {
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(keys.aesKey, 'base64'), Buffer.alloc(16));
    plain = JSON.parse(
      Buffer.concat([decipher.update(envelope.response, 'base64'), decipher.final()]).toString('utf8'),
    );
  } catch {
    return { ok: false, code: 'DECRYPT_FAILED' };
  }
  if (plain.code !== '10000') return { ok: false, code: BY_CODE[plain.code ?? ''] ?? 'ALIPAY_MISCONFIGURED' };
  if (!plain.mobile) return { ok: false, code: 'NO_MOBILE_BOUND' };
  return { ok: true, mobile: plain.mobile };
}
