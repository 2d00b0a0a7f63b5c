/**
 * The one table of answers, and the copies kept in step with it: the reference backend (an example written without
 * alimock keeps its own table) and the scenarios' expectations.
 */
import { describe, expect, it } from 'vitest';
import { OUTCOME_IDS, OUTCOMES, type OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import { ERROR_STATUS } from '../../../reference-backend/src/errors.js';
import { ALIPAY_CODE_TABLE } from '../../../reference-backend/src/interpret.js';
import { faqScenarios } from '../../../scenarios/faq/index.js';
import { answerWith, expectedAnswer, OUTCOME_ANSWERS, primaryCode } from './answers.js';
import { CONTRACT_CODES, CONTRACT_STATUS } from './contract.js';

describe('the answers table', () => {
  it('covers every outcome but success, with known contract codes', () => {
    expect(Object.keys(OUTCOME_ANSWERS).sort()).toEqual(OUTCOME_IDS.filter((o) => o !== 'success').sort());
    for (const a of Object.values(OUTCOME_ANSWERS)) for (const c of a.codes) expect(CONTRACT_CODES).toContain(c);
  });

  it('expectedAnswer: signed, unsigned, and with or without the signature policy', () => {
    expect(expectedAnswer('success', { signed: true, requireSignature: true })).toEqual({
      kind: 'accepted',
      mobile: 'issued',
    });
    expect(expectedAnswer('success', { signed: false, requireSignature: true })).toEqual({
      kind: 'rejected',
      codes: ['SIGNATURE_MISSING'],
    });
    expect(expectedAnswer('success', { signed: false, requireSignature: false })).toEqual({
      kind: 'accepted',
      mobile: 'issued',
    });
    expect(expectedAnswer('40002', { signed: false, requireSignature: true })).toEqual({
      kind: 'rejected',
      codes: ['ALIPAY_MISCONFIGURED', 'SIGNATURE_MISSING', 'DECRYPT_FAILED'],
    });
    expect(
      expectedAnswer('40001-encrypt-key', { signed: false, requireSignature: true, signatureFirst: true }),
    ).toEqual({
      kind: 'rejected',
      codes: ['SIGNATURE_MISSING', 'ALIPAY_MISCONFIGURED'],
    });
    expect(answerWith('ALIPAY_BUSY')).toBe('answer ALIPAY_BUSY (HTTP 503)');
  });

  it('every FAQ scenario that rejects lists the usual code of its own outcome', () => {
    // the FAQ's cause → code, written here on its own (not read from the scenarios)
    const OUTCOME_OF: Record<string, Exclude<OutcomeId, 'success'>> = {
      'faq1-consent-expired': '40003',
      'faq1-no-consent': '40003',
      'faq2-isv-package-missing': '40006',
      'faq2-isv-permission-pending': '40006',
      'faq3-20000-busy': '20000',
      'faq3-40001-no-encrypt-key': '40001-encrypt-key',
      'faq3-40001-no-sign-type': '40001-sign-type',
      'faq3-40002-encrypt-error': '40002',
      'faq3-40003-invalid-auth': '40003',
      'faq4-empty-mobile': 'empty-mobile',
    };
    const rejecting = faqScenarios.flatMap((s) => {
      const e = typeof s.expect === 'function' ? s.expect({ requireSignature: true }) : s.expect;
      return e.kind === 'rejected' ? [[s.id, e.codes] as const] : [];
    });
    for (const [id, codes] of rejecting) {
      const outcome = OUTCOME_OF[id];
      // the others refuse what is not Alipay's signed answer: an unsigned payload or a forgery
      if (outcome === undefined) expect(codes, id).toContain('SIGNATURE_MISSING');
      else expect(codes, id).toContain(OUTCOME_ANSWERS[outcome].codes[0]);
    }
    expect(rejecting.filter(([id]) => OUTCOME_OF[id] !== undefined)).toHaveLength(Object.keys(OUTCOME_OF).length);
  });
});

describe('the reference backend keeps its own copy, in step', () => {
  it('the same typical status for every contract code', () => {
    for (const code of CONTRACT_CODES) expect(ERROR_STATUS[code], code).toBe(CONTRACT_STATUS[code]);
  });

  it('the same code for every Alipay error', () => {
    for (const outcome of Object.keys(OUTCOME_ANSWERS) as Array<keyof typeof OUTCOME_ANSWERS>) {
      if (outcome === 'empty-mobile') continue; // 10000 with "": not a code of the table
      const alipay = OUTCOMES[outcome].code;
      expect(ALIPAY_CODE_TABLE[alipay]?.code, outcome).toBe(primaryCode(outcome));
    }
  });
});
