/**
 * What a backend holding the right keys would find in an envelope the gateway sent: does it parse, is it signed, does
 * the signature verify with Alipay's public key, is it encrypted, does it decrypt with the app's AES key, and the
 * plaintext. The playground's journal shows it next to each my.getPhoneNumber answer.
 */
import type { KeyObject } from 'node:crypto';
import { aesDecrypt, parseEnvelope, verifyEnvelope } from '../protocol/index.js';
import type { EnvelopeCheck } from './wire.js';

export type { EnvelopeCheck };

/** Checks `envelope` (`res.response`) with the gateway's Alipay public key and the app's AES key. */
export function checkEnvelope(
  envelope: string,
  keys: { alipayPublicKey: KeyObject; aesKey: string; signType?: string },
): EnvelopeCheck {
  const parsed = parseEnvelope(envelope);
  if (!parsed.ok) return { parseError: parsed.reason, signed: false, encrypted: false };
  const env = parsed.value;
  const signed = env.sign !== undefined;
  // the short form carries no sign_type: the app's default sign type applies
  const signType = env.signType ?? keys.signType ?? 'RSA2';
  const verified = signed ? verifyEnvelope({ ...env, signType }, keys.alipayPublicKey).ok : undefined;
  const out: EnvelopeCheck = {
    signed,
    ...(verified !== undefined ? { verified, signType } : {}),
    encrypted: env.encrypted,
    form: env.form,
  };
  if (!env.encrypted) return { ...out, plaintext: env.content };
  const d = aesDecrypt(env.content, keys.aesKey);
  return d.ok ? { ...out, decrypted: true, plaintext: d.value } : { ...out, decrypted: false, decryptError: d.reason };
}
