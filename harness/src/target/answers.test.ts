/**
 * The one table of answers, and the copies kept in step with it: the reference backend (an example written without
 * alimock keeps its own table) and the scenarios' expectations.
 */
import { describe, expect, it } from 'vitest';
import { OUTCOME_IDS, OUTCOMES } from '../../../mock-gateway/src/protocol/outcomes.js';
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

  it('every FAQ scenario that rejects lists the usual code of its outcome', () => {
    for (const s of faqScenarios) {
      const e = typeof s.expect === 'function' ? s.expect({ requireSignature: true }) : s.expect;
      if (e.kind !== 'rejected') continue;
      const primaries: string[] = Object.values(OUTCOME_ANSWERS).map((a) => a.codes[0] as string);
      expect(
        e.codes.some((c) => primaries.includes(c) || c === 'SIGNATURE_MISSING'),
        s.id,
      ).toBe(true);
    }
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
