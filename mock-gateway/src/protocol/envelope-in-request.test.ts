import { describe, expect, it } from 'vitest';
import { carriesEnvelope, envelopeNeedles } from './envelope-in-request.js';

const CIPHER = 'q1w2e3r4t5y6u7i8o9p0+/AbCdEf==';
const ENV = `{"response":"${CIPHER}","sign":"x+y/zSIGNATURESIGNATURE=="}`;

describe('carriesEnvelope', () => {
  it('finds the envelope as is, JSON-escaped (in a JSON body), URI- or form-encoded, or in a URL', () => {
    expect(carriesEnvelope(JSON.stringify({ encryptedData: ENV, userId: 'u' }), [ENV])).toBe(true);
    expect(carriesEnvelope(JSON.stringify({ payload: { phone: ENV } }), [ENV])).toBe(true);
    expect(carriesEnvelope(new URLSearchParams({ encryptedData: ENV, a: '1' }).toString(), [ENV])).toBe(true);
    expect(carriesEnvelope(`/api/phone?e=${encodeURIComponent(ENV)}`, [ENV])).toBe(true);
    expect(carriesEnvelope(ENV, [ENV])).toBe(true);
  });

  it("finds a page that split the envelope and sends only response's ciphertext (with the sign apart)", () => {
    expect(carriesEnvelope(JSON.stringify({ encrypted: CIPHER, sign: 'x' }), [ENV])).toBe(true);
    expect(carriesEnvelope(new URLSearchParams({ encrypted: CIPHER }).toString(), [ENV])).toBe(true);
  });

  it('is false for other requests, and never matches on a short text', () => {
    expect(carriesEnvelope('{"authCode":"c"}', [ENV])).toBe(false);
    expect(carriesEnvelope('a=1', [ENV])).toBe(false);
    expect(carriesEnvelope('', [ENV])).toBe(false);
    expect(carriesEnvelope('{"x":"ab"}', ['{"response":"ab"}'])).toBe(false);
    expect(envelopeNeedles('{"response":"ab"}').every((n) => n.length >= 16)).toBe(true);
  });
});
