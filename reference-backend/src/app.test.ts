import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alterKeepingPadding,
  breakPadding,
  generateTestKeys,
  makeEnvelope,
  PLAINTEXTS,
  phoneRequest,
  signText,
} from '../../examples/test-support/make-envelope.js';
import { buildReferenceBackend } from './app.js';

const keys = generateTestKeys();
const MOBILE = '13800138000';

function build(overrides: Partial<Parameters<typeof buildReferenceBackend>[0]> = {}) {
  return buildReferenceBackend({ alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey, ...overrides });
}

async function post(app: FastifyInstance, envelope: string) {
  const res = await app.inject(phoneRequest(envelope));
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, raw: res.body };
}

function errorCode(body: Record<string, unknown>) {
  return (body.error as { code?: string } | undefined)?.code;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = build();
  await app.ready();
});
afterAll(() => app.close());

describe('every docs/protocol.md outcome, encrypted and signed', () => {
  const cases: [string, string, number, string | undefined][] = [
    ['success', PLAINTEXTS.success(MOBILE), 200, undefined],
    ['overseas number', PLAINTEXTS.success('1-1234432112'), 200, undefined],
    ['empty mobile', PLAINTEXTS.emptyMobile, 422, 'NO_MOBILE_BOUND'],
    ['20000', PLAINTEXTS.busy, 503, 'ALIPAY_BUSY'],
    ['40001 sign type', PLAINTEXTS.missingSignType, 502, 'ALIPAY_MISCONFIGURED'],
    ['40001 encrypt key', PLAINTEXTS.missingEncryptKey, 502, 'ALIPAY_MISCONFIGURED'],
    ['40002', PLAINTEXTS.encryptError, 502, 'ALIPAY_MISCONFIGURED'],
    ['40003', PLAINTEXTS.invalidAuth, 403, 'AUTH_REQUIRED'],
    ['40006', PLAINTEXTS.isvPermission, 502, 'ISV_PERMISSION_DENIED'],
    [
      'unknown code',
      '{"code":"40004","msg":"Business Failed","subCode":"x","subMsg":"y"}',
      502,
      'ALIPAY_MISCONFIGURED',
    ],
    ['code "constructor"', '{"code":"constructor"}', 502, 'ALIPAY_MISCONFIGURED'],
    ['code "__proto__"', '{"code":"__proto__"}', 502, 'ALIPAY_MISCONFIGURED'],
    ['numeric code', '{"code":10000,"mobile":"13800138000"}', 502, 'ALIPAY_MISCONFIGURED'],
    ['no code', '{"msg":"Success","mobile":"13800138000"}', 502, 'ALIPAY_MISCONFIGURED'],
    ['10000 without mobile', '{"code":"10000","msg":"Success"}', 422, 'NO_MOBILE_BOUND'],
    ['10000 numeric mobile', '{"code":"10000","msg":"Success","mobile":13800138000}', 502, 'ALIPAY_MISCONFIGURED'],
    ['plaintext not JSON', 'not json at all', 400, 'DECRYPT_FAILED'],
    ['plaintext a JSON array', '[1,2,3]', 400, 'DECRYPT_FAILED'],
  ];

  it.each(cases)('%s → %i %s', async (_name, plaintext, status, code) => {
    const res = await post(app, makeEnvelope(plaintext, keys));
    expect(res.status).toBe(status);
    if (code === undefined) {
      expect(res.body).toEqual({ mobile: JSON.parse(plaintext).mobile });
    } else {
      expect(errorCode(res.body)).toBe(code);
      expect(typeof (res.body.error as { message: unknown }).message).toBe('string');
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.raw).not.toContain('13800138000');
    }
  });

  it('accepts RSA (SHA1) signatures, the short form, a PEM public key and a PEM-armoured key with comments', async () => {
    expect((await post(app, makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signType: 'RSA' }))).body).toEqual({
      mobile: MOBILE,
    });
    expect((await post(app, makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { shortForm: true }))).body).toEqual({
      mobile: MOBILE,
    });
    const pemApp = build({ alipayPublicKey: `# test only\n${keys.alipayPublicKeyPem}` });
    expect((await post(pemApp, makeEnvelope(PLAINTEXTS.success(MOBILE), keys))).body).toEqual({ mobile: MOBILE });
    await pemApp.close();
  });

  it('answers 503 with Retry-After for 20000 and no-store on every phone answer', async () => {
    const res = await app.inject(phoneRequest(makeEnvelope(PLAINTEXTS.busy, keys)));
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['cache-control']).toBe('no-store');
    const ok = await app.inject(phoneRequest(makeEnvelope(PLAINTEXTS.success(MOBILE), keys)));
    expect(ok.headers['cache-control']).toBe('no-store');
  });

  it('AES-256 keys work too', async () => {
    const aes256 = randomBytes(32).toString('base64');
    const app256 = build({ aesKey: aes256 });
    const res = await post(app256, makeEnvelope(PLAINTEXTS.success(MOBILE), { ...keys, aesKey: aes256 }));
    expect(res.body).toEqual({ mobile: MOBILE });
    await app256.close();
  });
});

describe('signed plain payloads (signature over the raw JSON text)', () => {
  it('a signed plain 40003 object is verified and mapped', async () => {
    const res = await post(app, makeEnvelope(PLAINTEXTS.invalidAuth, keys, { encrypted: false }));
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('AUTH_REQUIRED');
  });

  it('a signed plain success string is trusted because the signature holds', async () => {
    const res = await post(
      app,
      makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { encrypted: false, plainAs: 'string' }),
    );
    expect(res.body).toEqual({ mobile: MOBILE });
  });

  it('re-serialising the nested object breaks the signature (raw bytes are what count)', async () => {
    const envelope = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { encrypted: false });
    const spaced = envelope.replace('"code":"10000"', '"code": "10000"');
    const res = await post(app, spaced);
    expect(errorCode(res.body)).toBe('SIGNATURE_INVALID');
  });

  it('whitespace around the nested object does not matter', async () => {
    const envelope = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { encrypted: false });
    const res = await post(app, envelope.replace('{"response":', '{ "response" :\n  '));
    expect(res.body).toEqual({ mobile: MOBILE });
  });
});

describe('signature policy', () => {
  const unsigned: [string, string, string][] = [
    ['encrypted 10000', makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false }), 'SIGNATURE_MISSING'],
    ['encrypted 40001', makeEnvelope(PLAINTEXTS.missingSignType, keys, { signed: false }), 'SIGNATURE_MISSING'],
    [
      'plain object 40001',
      makeEnvelope(PLAINTEXTS.missingEncryptKey, keys, { signed: false, encrypted: false }),
      'SIGNATURE_MISSING',
    ],
    [
      'plain object 10000 (forged)',
      makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false, encrypted: false }),
      'SIGNATURE_MISSING',
    ],
  ];

  it.each(unsigned)('by default, unsigned %s → 400 %s', async (_name, envelope, code) => {
    const res = await post(app, envelope);
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe(code);
    expect(res.raw).not.toContain(MOBILE);
  });

  describe('requireSignature: false', () => {
    let lax: FastifyInstance;
    beforeAll(() => {
      lax = build({ requireSignature: false });
    });
    afterAll(() => lax.close());

    it('decrypts and accepts an unsigned encrypted success', async () => {
      const res = await post(lax, makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ mobile: MOBILE });
    });

    it('maps unsigned encrypted errors', async () => {
      const res = await post(lax, makeEnvelope(PLAINTEXTS.missingSignType, keys, { signed: false }));
      expect(errorCode(res.body)).toBe('ALIPAY_MISCONFIGURED');
      const empty = await post(lax, makeEnvelope(PLAINTEXTS.emptyMobile, keys, { signed: false }));
      expect(errorCode(empty.body)).toBe('NO_MOBILE_BOUND');
    });

    it('interprets unsigned plain error codes (object and string forms)', async () => {
      const object = await post(lax, makeEnvelope(PLAINTEXTS.encryptError, keys, { signed: false, encrypted: false }));
      expect(errorCode(object.body)).toBe('ALIPAY_MISCONFIGURED');
      const text = await post(
        lax,
        makeEnvelope(PLAINTEXTS.invalidAuth, keys, { signed: false, encrypted: false, plainAs: 'string' }),
      );
      expect(errorCode(text.body)).toBe('AUTH_REQUIRED');
    });

    it.each([
      ['object', 'object'],
      ['string', 'string'],
    ] as const)('never trusts an unsigned plain 10000 (%s form)', async (_name, plainAs) => {
      for (const plaintext of [PLAINTEXTS.success('13111111111'), PLAINTEXTS.emptyMobile]) {
        const res = await post(lax, makeEnvelope(plaintext, keys, { signed: false, encrypted: false, plainAs }));
        expect(res.status).toBe(400);
        expect(errorCode(res.body)).toBe('SIGNATURE_MISSING');
        expect(res.raw).not.toContain('13111111111');
      }
    });

    it('still rejects a present but invalid signature', async () => {
      const envelope = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signingKey: keys.appPrivateKey });
      expect(errorCode((await post(lax, envelope)).body)).toBe('SIGNATURE_INVALID');
    });
  });
});

describe('tampering and wrong keys', () => {
  function flipCiphertext(envelope: string): string {
    const parsed = JSON.parse(envelope);
    const bytes = Buffer.from(parsed.response, 'base64');
    bytes[3] = (bytes[3] ?? 0) ^ 0x01;
    parsed.response = bytes.toString('base64');
    return JSON.stringify(parsed);
  }

  it('tampered ciphertext → SIGNATURE_INVALID (before any decryption)', async () => {
    const res = await post(app, flipCiphertext(makeEnvelope(PLAINTEXTS.success(MOBILE), keys)));
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('SIGNATURE_INVALID');
  });

  it('the answer does not depend on padding validity when the signature is bad (no padding oracle)', async () => {
    const envelope = makeEnvelope(PLAINTEXTS.success(MOBILE), keys);
    const a = await post(app, breakPadding(envelope));
    const b = await post(app, alterKeepingPadding(envelope));
    expect(a.status).toBe(400);
    expect(errorCode(a.body)).toBe('SIGNATURE_INVALID');
    expect(a.raw).toBe(b.raw);
  });

  it('a signature by the app key, over the bare ciphertext, or with the wrong sign_type → SIGNATURE_INVALID', async () => {
    const appSigned = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signingKey: keys.appPrivateKey });
    expect(errorCode((await post(app, appSigned)).body)).toBe('SIGNATURE_INVALID');
    const rsa2 = JSON.parse(makeEnvelope(PLAINTEXTS.success(MOBILE), keys));
    expect(errorCode((await post(app, JSON.stringify({ ...rsa2, sign_type: 'RSA' }))).body)).toBe('SIGNATURE_INVALID');
    expect(errorCode((await post(app, JSON.stringify({ ...rsa2, sign: '' }))).body)).toBe('SIGNATURE_INVALID');
    expect(errorCode((await post(app, JSON.stringify({ ...rsa2, sign: '!!!' }))).body)).toBe('SIGNATURE_INVALID');
  });

  it('valid signature, wrong AES key → DECRYPT_FAILED', async () => {
    const envelope = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { encryptKey: randomBytes(16).toString('base64') });
    const res = await post(app, envelope);
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('DECRYPT_FAILED');
  });

  it('a signed response that is not Base64 → DECRYPT_FAILED', async () => {
    // Alipay signed garbage (a bug on its side): verification passes, decryption cannot.
    const envelope = `{"response":"%%%notbase64","sign":"${signText('"%%%notbase64"', keys.alipayPrivateKey)}"}`;
    expect(errorCode((await post(app, envelope)).body)).toBe('DECRYPT_FAILED');
  });
});

describe('bad configuration is a startup error', () => {
  it.each([
    ['AES key not Base64', { aesKey: 'not base64!' }],
    ['AES key 10 bytes', { aesKey: randomBytes(10).toString('base64') }],
    ['public key garbage', { alipayPublicKey: 'AAAA' }],
  ])('%s throws', (_name, overrides) => {
    expect(() => build(overrides)).toThrow();
  });
});

describe('health', () => {
  it('GET /healthz → 200 { ok: true }', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('unknown routes get a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/alipay/phone' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
