import { describe, expect, it } from 'vitest';
import { carriesEnvelope } from './carries-envelope.js';

const ENV = '{"response":"abc==","sign":"x+y/z"}';

describe('carriesEnvelope', () => {
  it('finds the envelope in a JSON object (any depth), a form body, a JSON string body, or as the body', () => {
    expect(carriesEnvelope({ encryptedData: ENV, userId: 'u' }, ENV)).toBe(true);
    expect(carriesEnvelope({ payload: { phone: ENV } }, ENV)).toBe(true);
    expect(carriesEnvelope(`encryptedData=${encodeURIComponent(ENV)}&a=1`, ENV)).toBe(true);
    expect(carriesEnvelope(JSON.stringify({ encryptedData: ENV }), ENV)).toBe(true);
    expect(carriesEnvelope(ENV, ENV)).toBe(true);
  });
  it('is false for other requests', () => {
    expect(carriesEnvelope({ authCode: 'c' }, ENV)).toBe(false);
    expect(carriesEnvelope('a=1', ENV)).toBe(false);
    expect(carriesEnvelope(undefined, ENV)).toBe(false);
    expect(carriesEnvelope({ x: ENV }, '')).toBe(false);
  });
});
