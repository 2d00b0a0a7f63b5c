import type { EnvelopeForm, EnvelopeSpec } from './envelope.js';
import { OUTCOMES, type OutcomeId, plaintextFor } from './outcomes.js';
import type { SignType } from './rsa.js';

/**
 * Envelope variants a rule, `mint` or a scenario can ask for:
 * - `default`: the outcome's own delivery (see OUTCOMES[…].delivery) in long form
 * - `standard`: long form, encrypted, signed
 * - `short`: `{"response":"…","sign":"…"}` (ISV template apps), encrypted and signed
 * - `unsigned`: long form, encrypted, no `sign`
 * - `plain`: `{"response":{…}}`, not encrypted, no `sign`
 * - `plain-signed`: long form, not encrypted, signed over the raw JSON text
 * - `rsa`: like `standard` but `sign_type` RSA (SHA1withRSA)
 */
export const ENVELOPE_VARIANTS = ['default', 'standard', 'short', 'unsigned', 'plain', 'plain-signed', 'rsa'] as const;
export type EnvelopeVariant = (typeof ENVELOPE_VARIANTS)[number];

export function isEnvelopeVariant(value: unknown): value is EnvelopeVariant {
  return typeof value === 'string' && (ENVELOPE_VARIANTS as readonly string[]).includes(value);
}

export interface SpecContext {
  mobile?: string;
  /** the app's default sign type (used unless the variant fixes one) */
  signType?: SignType;
  form?: EnvelopeForm;
}

export function specFor(outcome: OutcomeId, variant: EnvelopeVariant, ctx: SpecContext = {}): EnvelopeSpec {
  const plaintext = plaintextFor(outcome, ctx.mobile);
  const signType = ctx.signType ?? 'RSA2';
  const form = ctx.form ?? 'long';
  switch (variant) {
    case 'default': {
      const d = OUTCOMES[outcome].delivery;
      return { plaintext, encrypt: d.encrypted, sign: d.signed, form, signType };
    }
    case 'standard':
      return { plaintext, encrypt: true, sign: true, form, signType };
    case 'short':
      return { plaintext, encrypt: true, sign: true, form: 'short', signType };
    case 'unsigned':
      return { plaintext, encrypt: true, sign: false, form, signType };
    case 'plain':
      return { plaintext, encrypt: false, sign: false, form, signType };
    case 'plain-signed':
      return { plaintext, encrypt: false, sign: true, form, signType };
    case 'rsa':
      return { plaintext, encrypt: true, sign: true, form, signType: 'RSA' };
  }
}
