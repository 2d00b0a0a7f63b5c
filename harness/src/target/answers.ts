/**
 * The one table of what a correct backend answers: for each payload Alipay can deliver (an outcome of the
 * catalogue, signed or not), the contract codes it may answer (the usual one first), their typical HTTP status
 * (CONTRACT_STATUS) and what to do. The scenarios' expectations, the doctor's "what a backend answers", the remedy
 * texts and the docs' tables are all read from here (tests keep the docs and the reference backend in step).
 */
import type { OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import type { Expectation } from '../core/types.js';
import { CONTRACT_STATUS, type ContractCode } from './contract.js';

export interface AnswerFact {
  /** the contract codes a correct backend may answer, the usual one first */
  codes: readonly ContractCode[];
  /** what the code means for the page, in a few words */
  meaning: string;
}

/** Outcome → answer. `success` is the one outcome a backend accepts (with its mobile). */
export const OUTCOME_ANSWERS: Readonly<Record<Exclude<OutcomeId, 'success'>, AnswerFact>> = {
  'empty-mobile': { codes: ['NO_MOBILE_BOUND'], meaning: 'no phone bound: let the member enter a number another way' },
  '20000': { codes: ['ALIPAY_BUSY'], meaning: 'transient: retry later' },
  '40001-sign-type': { codes: ['ALIPAY_MISCONFIGURED'], meaning: 'a console setting is missing' },
  '40001-encrypt-key': { codes: ['ALIPAY_MISCONFIGURED'], meaning: 'a console setting is missing' },
  '40002': { codes: ['ALIPAY_MISCONFIGURED', 'DECRYPT_FAILED'], meaning: 'the AES key set in the console is unusable' },
  '40003': { codes: ['AUTH_REQUIRED'], meaning: 'no consent, or it expired: show the button again' },
  '40006': { codes: ['ISV_PERMISSION_DENIED'], meaning: 'the feature package or the permission is missing' },
};

/** `answer ALIPAY_BUSY (HTTP 503)`: the words every remedy uses for a contract code. */
export function answerWith(code: ContractCode): string {
  return `answer ${code} (HTTP ${CONTRACT_STATUS[code]})`;
}

/** The usual code for an outcome (a backend's primary answer). */
export function primaryCode(outcome: Exclude<OutcomeId, 'success'>): ContractCode {
  return OUTCOME_ANSWERS[outcome].codes[0] as ContractCode;
}

export interface Delivery {
  /** did the payload carry a `sign`? */
  signed: boolean;
  /** the run's policy: a payload without `sign` must be refused */
  requireSignature: boolean;
  /** list SIGNATURE_MISSING first (a scenario about the missing sign) */
  signatureFirst?: boolean;
}

/**
 * What a correct backend answers for `outcome` delivered this way: an unsigned payload may (and with
 * `requireSignature`, for a success must) be refused with SIGNATURE_MISSING.
 */
export function expectedAnswer(outcome: OutcomeId, d: Delivery): Expectation {
  const unsignedRefusable = !d.signed && d.requireSignature;
  if (outcome === 'success')
    return unsignedRefusable
      ? { kind: 'rejected', codes: ['SIGNATURE_MISSING'] }
      : { kind: 'accepted', mobile: 'issued' };
  const codes = [...OUTCOME_ANSWERS[outcome].codes];
  if (unsignedRefusable) {
    if (d.signatureFirst) codes.unshift('SIGNATURE_MISSING');
    else codes.splice(1, 0, 'SIGNATURE_MISSING');
  }
  return { kind: 'rejected', codes };
}
