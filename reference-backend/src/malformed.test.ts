import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeys, makeEnvelope, PLAINTEXTS } from '../../examples/test-support/make-envelope.js';
import { buildReferenceBackend } from './app.js';

const keys = generateTestKeys();
const app = buildReferenceBackend({ alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey });
const signed = JSON.parse(makeEnvelope(PLAINTEXTS.success('13800138000'), keys)) as Record<string, string>;
const URL = '/api/alipay/phone';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A body `{ "encryptedData": <envelope> }` where the envelope is given as text. */
function wrapped(envelopeText: string): InjectOptions {
  return { method: 'POST', url: URL, headers: JSON_HEADERS, payload: JSON.stringify({ encryptedData: envelopeText }) };
}
function raw(payload: string | Buffer, headers: Record<string, string> = JSON_HEADERS): InjectOptions {
  return { method: 'POST', url: URL, headers, payload };
}

const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;

const cases: [string, InjectOptions][] = [
  ['empty body', raw('')],
  ['not JSON', raw('encryptedData=abc')],
  ['truncated JSON', raw('{"encryptedData":"abc')],
  ['JSON null', raw('null')],
  ['JSON number', raw('42')],
  ['JSON string', raw('"abc"')],
  ['JSON array', raw('[{"encryptedData":"x"}]')],
  ['empty object', raw('{}')],
  ['encryptedData null', raw('{"encryptedData":null}')],
  ['encryptedData number', raw('{"encryptedData":12345}')],
  ['encryptedData boolean', raw('{"encryptedData":true}')],
  ['encryptedData object (res instead of res.response)', raw(JSON.stringify({ encryptedData: signed }))],
  ['encryptedData array', raw('{"encryptedData":["a"]}')],
  ['encryptedData empty string', raw('{"encryptedData":""}')],
  ['wrong field name', raw(JSON.stringify({ response: JSON.stringify(signed) }))],
  ['__proto__ in body', raw('{"__proto__":{"encryptedData":"x"},"encryptedData":"y"}')],
  ['constructor.prototype in body', raw('{"constructor":{"prototype":{"x":1}},"encryptedData":"y"}')],
  ['huge body (2 MiB)', raw(JSON.stringify({ encryptedData: 'A'.repeat(2 * 1024 * 1024) }))],
  ['deeply nested array body', raw(deepArray)],
  ['deeply nested object body', raw(deepObject)],
  [
    'invalid UTF-8 bytes',
    raw(Buffer.concat([Buffer.from('{"encryptedData":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])),
  ],
  ['invalid UTF-8 as the whole body', raw(Buffer.from([0xc3, 0x28, 0xa0, 0xa1]))],
  [
    'text/plain content-type',
    raw(JSON.stringify({ encryptedData: JSON.stringify(signed) }), { 'content-type': 'text/plain' }),
  ],
  ['form content-type', raw('encryptedData=x', { 'content-type': 'application/x-www-form-urlencoded' })],
  ['xml content-type', raw('<a/>', { 'content-type': 'application/xml' })],
  ['no content-type', { method: 'POST', url: URL, payload: 'x' }],
  ['multipart content-type', raw('--b\r\n\r\n--b--', { 'content-type': 'multipart/form-data; boundary=b' })],
  ['envelope not JSON', wrapped('this is not json')],
  ['envelope is a bare ciphertext', wrapped(signed.response as string)],
  ['envelope JSON array', wrapped('[1]')],
  ['envelope JSON null', wrapped('null')],
  ['envelope without response', wrapped(JSON.stringify({ sign: signed.sign }))],
  ['response null', wrapped(JSON.stringify({ ...signed, response: null }))],
  ['response number', wrapped(JSON.stringify({ ...signed, response: 1 }))],
  ['response array', wrapped(JSON.stringify({ ...signed, response: ['a'] }))],
  ['response empty string', wrapped(JSON.stringify({ ...signed, response: '' }))],
  ['sign a number', wrapped(JSON.stringify({ ...signed, sign: 1 }))],
  ['sign null', wrapped(JSON.stringify({ ...signed, sign: null }))],
  ['sign_type SM2', wrapped(JSON.stringify({ ...signed, sign_type: 'SM2' }))],
  ['sign_type a number', wrapped(JSON.stringify({ ...signed, sign_type: 2 }))],
  ['encrypt_type DES', wrapped(JSON.stringify({ ...signed, encrypt_type: 'DES' }))],
  ['charset GBK', wrapped(JSON.stringify({ ...signed, charset: 'GBK' }))],
  [
    'duplicated response key',
    wrapped(`{"response":"AAAA","response":${JSON.stringify(signed.response)},"sign":"${signed.sign}"}`),
  ],
  ['__proto__ in envelope', wrapped(`{"__proto__":{"sign":"x"},"response":${JSON.stringify(signed.response)}}`)],
  ['deeply nested envelope', wrapped(deepArray)],
  ['deeply nested response object', wrapped(`{"response":${deepObject}}`)],
  ['unsigned ciphertext garbage', wrapped('{"response":"%%%"}')],
  ['signed garbage response', wrapped(JSON.stringify({ ...signed, response: '%%%' }))],
  ['response with NUL bytes', wrapped(JSON.stringify({ ...signed, response: '\u0000\u0000' }))],
  ['lone surrogate in envelope', wrapped('{"response":"\\ud800"}')],
];

beforeAll(() => app.ready());
afterAll(() => app.close());

describe('malformed input never gets a 5xx', () => {
  it(`has at least 30 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s → 4xx with the contract error body', async (_name, request) => {
    const res = await app.inject(request);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    expect(['BAD_REQUEST', 'SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'DECRYPT_FAILED']).toContain(body.error.code);
    expect(res.body).not.toContain('13800138000');
    // still healthy, and still correct, after each one
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('the body limit answers 413 with the contract body', async () => {
    const res = await app.inject(cases.find(([name]) => name.startsWith('huge'))![1]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('the wrong content-type answers 415 with the contract body', async () => {
    const res = await app.inject(cases.find(([name]) => name === 'text/plain content-type')![1]);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('structural problems are BAD_REQUEST exactly', async () => {
    for (const name of [
      'not JSON',
      'envelope not JSON',
      'response number',
      '__proto__ in body',
      'duplicated response key',
    ]) {
      const res = await app.inject(cases.find(([n]) => n === name)![1]);
      expect([name, res.json().error.code]).toEqual([name, 'BAD_REQUEST']);
    }
  });

  it('still answers a real payload correctly after all that', async () => {
    const res = await app.inject(wrapped(JSON.stringify(signed)));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mobile: '13800138000' });
  });

  it('accepts application/json with a charset parameter', async () => {
    const res = await app.inject(
      raw(JSON.stringify({ encryptedData: JSON.stringify(signed) }), {
        'content-type': 'application/json; charset=utf-8',
      }),
    );
    expect(res.statusCode).toBe(200);
  });
});
