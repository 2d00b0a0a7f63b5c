import { describe, expect, it } from 'vitest';
import { otherRsaPair } from '../test-support/rsa-pairs.js';
import { isOutcomeId, OUTCOME_IDS, OUTCOMES, outcomeForPlaintext, plaintextFor } from './outcomes.js';
import { isSignType, rsaSign, rsaVerify } from './rsa.js';
import { ENVELOPE_VARIANTS, isEnvelopeVariant } from './variants.js';

describe('outcome catalogue', () => {
  it('guards ids and variants', () => {
    expect(OUTCOME_IDS.every(isOutcomeId)).toBe(true);
    expect(isOutcomeId('10000')).toBe(false);
    expect(isOutcomeId(40003)).toBe(false);
    expect(ENVELOPE_VARIANTS.every(isEnvelopeVariant)).toBe(true);
    expect(isEnvelopeVariant('long')).toBe(false);
  });

  it('every entry carries its FAQ cause and remedy', () => {
    for (const id of OUTCOME_IDS) {
      expect(OUTCOMES[id].id).toBe(id);
      expect(OUTCOMES[id].cause.length).toBeGreaterThan(10);
      expect(OUTCOMES[id].remedy.length).toBeGreaterThan(3);
    }
  });

  it('outcomeForPlaintext maps every decrypted plaintext back to its entry', () => {
    for (const id of OUTCOME_IDS) {
      expect(outcomeForPlaintext(JSON.parse(plaintextFor(id)))?.id).toBe(id);
    }
    expect(outcomeForPlaintext({ code: '40001' })?.code).toBe('40001');
    expect(outcomeForPlaintext({ code: '99999' })).toBeUndefined();
  });

  it('success mobiles are JSON-escaped into the plaintext', () => {
    expect(plaintextFor('success', 'a"b')).toBe('{"code":"10000","msg":"Success","mobile":"a\\"b"}');
    expect(JSON.parse(plaintextFor('success', 'a"b')).mobile).toBe('a"b');
  });
});

describe('rsa', () => {
  const { privateKey, publicKey } = otherRsaPair();

  it('signs deterministically (PKCS#1 v1.5) and verifies per sign type', () => {
    const sig = rsaSign('"x"', privateKey);
    expect(rsaSign('"x"', privateKey)).toBe(sig);
    expect(rsaVerify('"x"', sig, publicKey, 'RSA2')).toBe(true);
    expect(rsaVerify('"x"', sig, publicKey, 'RSA')).toBe(false);
    expect(rsaVerify('"x"', rsaSign('"x"', privateKey, 'RSA'), publicKey, 'RSA')).toBe(true);
  });

  it('never throws on malformed signatures', () => {
    expect(rsaVerify('"x"', '', publicKey)).toBe(false);
    expect(rsaVerify('"x"', '***', publicKey)).toBe(false);
    expect(rsaVerify('"x"', 'QUJD', publicKey)).toBe(false);
  });

  it('isSignType accepts RSA2 and RSA only', () => {
    expect(isSignType('RSA2') && isSignType('RSA')).toBe(true);
    expect(isSignType('rsa2') || isSignType('SHA256') || isSignType(undefined)).toBe(false);
  });
});
