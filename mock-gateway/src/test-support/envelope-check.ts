import type { KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { gatewayModel } from '../app.js';
import { aesDecrypt, parseEnvelope, type SignType, verifyEnvelope } from '../protocol/index.js';

/** What a test can say about an envelope, decoded independently of the gateway's own bookkeeping. */
export interface EnvelopeFacts {
  encrypted: boolean;
  /** `sign` present */
  signed: boolean;
  /** `sign` verifies with the gateway's Alipay public key (false when unsigned) */
  verified: boolean;
  /** the plaintext: decrypted with the given AES key, or the raw nested JSON; undefined when decryption failed */
  plaintext: string | undefined;
  /** why decryption failed, when it did */
  decryptError?: string;
  form: 'long' | 'short' | 'other';
  signType?: string;
  /** top-level keys in order */
  keys: string[];
}

export interface InspectOptions {
  /** AES key to decrypt with (default: the gateway's demo key) */
  aesKey?: string;
  /** sign type to verify with when the envelope does not say (the short form carries no `sign_type`); default RSA2 */
  signType?: SignType;
}

/** Decodes an envelope with explicit keys. */
export function inspectEnvelope(
  text: string,
  keys: { alipayPublicKey: KeyObject; aesKey: string },
  options: Pick<InspectOptions, 'signType'> = {},
): EnvelopeFacts {
  const parsed = parseEnvelope(text);
  if (!parsed.ok) throw new Error(`not an envelope (${parsed.reason}): ${text.slice(0, 200)}`);
  const env = parsed.value;
  const forVerify =
    env.signType === undefined && options.signType !== undefined ? { ...env, signType: options.signType } : env;
  const signed = env.sign !== undefined;
  const verified = signed && verifyEnvelope(forVerify, keys.alipayPublicKey).ok;
  let plaintext: string | undefined = env.content;
  let decryptError: string | undefined;
  if (env.encrypted) {
    const d = aesDecrypt(env.content, keys.aesKey);
    plaintext = d.ok ? d.value : undefined;
    if (!d.ok) decryptError = d.reason;
  }
  return {
    encrypted: env.encrypted,
    signed,
    verified,
    plaintext,
    ...(decryptError !== undefined ? { decryptError } : {}),
    form: env.form,
    ...(env.signType !== undefined ? { signType: env.signType } : {}),
    keys: Object.keys(JSON.parse(text) as object),
  };
}

/** `inspectEnvelope` with the gateway's own keys (`gatewayModel(app).keys`). */
export function inspectWith(app: FastifyInstance, text: string, options: InspectOptions = {}): EnvelopeFacts {
  const k = gatewayModel(app).keys;
  return inspectEnvelope(
    text,
    { alipayPublicKey: k.alipayPublicKey, aesKey: options.aesKey ?? k.aesKey },
    options.signType !== undefined ? { signType: options.signType } : {},
  );
}
