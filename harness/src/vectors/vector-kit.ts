/**
 * Everything a vector needs to build its envelope, from a key set and a seed. Only the project's protocol core
 * builds, encrypts and signs; the helpers here choose what to build.
 */
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { createUserFactory } from '../../../mock-gateway/src/model/users.js';
import {
  aesEncrypt,
  assembleEnvelope,
  buildEnvelope,
  buildTampered,
  type EnvelopeForm,
  type EnvelopeVariant,
  foreignAesKeyFor,
  type OutcomeId,
  plaintextFor,
  rsaSign,
  type SignType,
  signContentFor,
  specFor,
  type Tampering,
} from '../../../mock-gateway/src/protocol/index.js';
import { foreignPrivateKey } from './foreign-key.js';

export interface VectorKit {
  /** the member's mobile in every payload that carries one (seeded) */
  readonly mobile: string;
  /** an outcome delivered as the variant says (`default`: as Alipay delivers it), for the kit's or another mobile */
  outcome(outcome: OutcomeId, variant?: EnvelopeVariant, mobile?: string): string;
  /** a genuine success payload changed by one of the protocol core's tamperings */
  tampered(tampering: Tampering, mobile?: string): string;
  /** a success payload signed (over the right bytes) by the app's own private key instead of Alipay's */
  signedWithAppKey(): string;
  /** a success payload whose sign is made with `hash`, labelled `signTypeLabel` (omitted in the short form) */
  signedWith(hash: SignType, form: EnvelopeForm, signTypeLabel: SignType): string;
}

/** A member's mobile from the seed, as `alimock serve --seed` would make its first member. */
export function seededMobile(seed: number): string {
  return createUserFactory(seed).next().mobile;
}

export function createVectorKit(keys: KeyMaterial, seed: number): VectorKit {
  const mobile = seededMobile(seed);
  const envelopeKeys = { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey };
  const tamperKeys = {
    ...envelopeKeys,
    foreignPrivateKey: foreignPrivateKey(),
    foreignAesKey: foreignAesKeyFor(keys.aesKey),
  };
  const standard = (forMobile: string) => specFor('success', 'standard', { mobile: forMobile });
  return {
    mobile,
    outcome: (outcome, variant = 'default', forMobile = mobile) =>
      buildEnvelope(specFor(outcome, variant, { mobile: forMobile }), envelopeKeys),
    tampered: (tampering, forMobile = mobile) => buildTampered(tampering, standard(forMobile), tamperKeys),
    signedWithAppKey: () =>
      buildTampered('foreign-key-sign', standard(mobile), { ...tamperKeys, foreignPrivateKey: keys.appPrivateKey }),
    signedWith(hash, form, signTypeLabel) {
      const ciphertext = aesEncrypt(plaintextFor('success', mobile), keys.aesKey);
      const sign = rsaSign(signContentFor(ciphertext, true), keys.alipayPrivateKey, hash);
      return assembleEnvelope(JSON.stringify(ciphertext), { form, signType: signTypeLabel, encrypt: true }, sign);
    },
  };
}

/**
 * Changes members of an envelope built by the kit. Such envelopes are compact JSON that `JSON.stringify` writes back
 * byte for byte (checked), so only the edited member changes and the key order stays.
 */
export function editEnvelope(envelope: string, edit: (members: Record<string, unknown>) => void): string {
  const members = JSON.parse(envelope) as Record<string, unknown>;
  if (JSON.stringify(members) !== envelope) throw new Error('editEnvelope: the envelope is not compact JSON');
  edit(members);
  return JSON.stringify(members);
}
