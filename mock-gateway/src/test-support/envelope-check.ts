/**
 * What a test can say about an envelope, decoded independently of the gateway's bookkeeping: the playground's own
 * envelope check (what a backend holding the right keys finds), held strictly — a text that is not an envelope fails
 * the test — plus what the envelope's top level says of itself (its keys and `sign_type`).
 */
import type { FastifyInstance } from 'fastify';
import { gatewayModel } from '../app.js';
import { checkEnvelope, type EnvelopeCheck } from '../playground/envelope-check.js';
import type { SignType } from '../protocol/index.js';

export interface EnvelopeFacts extends Omit<EnvelopeCheck, 'parseError' | 'verified' | 'signType' | 'plaintext'> {
  /** `sign` verifies with the gateway's Alipay public key (false when unsigned) */
  verified: boolean;
  /** the decrypted (or plain) content; undefined when decryption failed */
  plaintext: string | undefined;
  /** the envelope's own `sign_type` (the short form and unsigned envelopes carry none) */
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

/** Checks `text` with the gateway's own keys (`gatewayModel(app).keys`); throws when it is not an envelope. */
export function inspectWith(app: FastifyInstance, text: string, options: InspectOptions = {}): EnvelopeFacts {
  const k = gatewayModel(app).keys;
  const {
    parseError,
    verified,
    signType: _checkedWith,
    plaintext,
    ...check
  } = checkEnvelope(text, {
    alipayPublicKey: k.alipayPublicKey,
    aesKey: options.aesKey ?? k.aesKey,
    ...(options.signType !== undefined ? { signType: options.signType } : {}),
  });
  if (parseError !== undefined) throw new Error(`not an envelope (${parseError}): ${text.slice(0, 200)}`);
  const top = JSON.parse(text) as Record<string, unknown>;
  return {
    ...check,
    verified: verified === true,
    plaintext,
    ...(typeof top.sign_type === 'string' ? { signType: top.sign_type } : {}),
    keys: Object.keys(top),
  };
}
