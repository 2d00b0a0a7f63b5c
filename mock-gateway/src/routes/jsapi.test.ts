import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEMO_USER } from '../model/users.js';
import {
  aesDecrypt,
  ENVELOPE_VARIANTS,
  type OutcomeId,
  openEnvelope,
  parseEnvelope,
  plaintextFor,
  rsaVerify,
} from '../protocol/index.js';
import { inspectWith } from '../test-support/envelope-check.js';
import { call, type TestClock, testGateway } from '../test-support/gateway-client.js';
import { type SessionClient, sessionClient } from '../test-support/session-client.js';
import { MOCK_ERRORS } from './errors.js';

let app: FastifyInstance;
let clock: TestClock;
let n = 0;
/** a fresh session per test: tests share one gateway and must not see each other */
const fresh = (): SessionClient => sessionClient(app, `jsapi-${++n}`);

beforeAll(async () => {
  ({ app, clock } = await testGateway());
});
afterAll(async () => {
  await app.close();
});

interface Expectation {
  outcome: OutcomeId;
  mobile?: string;
  encrypted: boolean;
  signed: boolean;
}

/** Asserts the exact plaintext and the envelope's encrypted/signed shape; a signed envelope must verify. */
async function expectOutcome(
  s: SessionClient,
  e: Expectation,
  body: { userId?: string; appId?: string; mobile?: string } = {},
) {
  const { envelope, facts } = await s.getPhone(body);
  expect(facts.plaintext).toBe(plaintextFor(e.outcome, e.mobile));
  expect({ encrypted: facts.encrypted, signed: facts.signed }).toEqual({ encrypted: e.encrypted, signed: e.signed });
  expect(facts.verified).toBe(e.signed);
  // the official algorithm, requiring a signature exactly when one is expected
  const opened = openEnvelope(
    envelope,
    { alipayPublicKey: gatewayModel(app).keys.alipayPublicKey, aesKey: gatewayModel(app).keys.aesKey },
    { requireSignature: e.signed },
  );
  expect(opened.ok).toBe(true);
  return { envelope, facts };
}

describe('getPhoneNumber: cause → outcome, end to end', () => {
  it('success: the demo user (consented) gets 10000 with the mobile, encrypted and signed, long form', async () => {
    const s = fresh();
    const { envelope, facts } = await expectOutcome(s, {
      outcome: 'success',
      mobile: DEMO_USER.mobile,
      encrypted: true,
      signed: true,
    });
    expect(facts.keys).toEqual(['response', 'sign', 'sign_type', 'encrypt_type', 'charset']);
    expect(facts.signType).toBe('RSA2');
    // deterministic: the same call gives the same bytes
    expect((await s.getPhone()).envelope).toBe(envelope);
  });

  it('without a session, the global layer answers the same way', async () => {
    const { facts } = await sessionClient(app, '').getPhone();
    expect(facts.plaintext).toBe(plaintextFor('success', DEMO_USER.mobile));
  });

  it('AES key not set → 40001 missing-encrypt-key, a plain object, unsigned', async () => {
    const s = fresh();
    await s.patchApp({ aesKeyStatus: 'not-set' });
    const { envelope, facts } = await expectOutcome(s, {
      outcome: '40001-encrypt-key',
      encrypted: false,
      signed: false,
    });
    expect(facts.keys).toEqual(['response', 'charset']);
    expect(envelope).toBe(`{"response":${plaintextFor('40001-encrypt-key')},"charset":"UTF-8"}`);
  });

  it('AES key unusable → 40002, plain, unsigned', async () => {
    const s = fresh();
    await s.patchApp({ aesKeyStatus: 'unusable' });
    await expectOutcome(s, { outcome: '40002', encrypted: false, signed: false });
  });

  it('no default sign type → 40001 missing-default-signature-type, encrypted, unsigned', async () => {
    const s = fresh();
    await s.patchApp({ signType: null });
    const { facts } = await expectOutcome(s, { outcome: '40001-sign-type', encrypted: true, signed: false });
    expect(facts.keys).toEqual(['response', 'encrypt_type', 'charset']);
  });

  it.each(['not-added', 'added'] as const)('feature package %s → 40006, encrypted and signed', async (phonePackage) => {
    const s = fresh();
    await s.patchApp({ phonePackage });
    const { facts } = await expectOutcome(s, { outcome: '40006', encrypted: true, signed: true });
    expect(facts.plaintext).toContain('https:\\/\\/docs.open.alipay.com');
  });

  it('a member who never tapped → 40003; after allowing through /jsapi/authorize → success with their mobile', async () => {
    const s = fresh();
    const u = await s.addUser();
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true }, { userId: u.userId });
    const auth = await s.authorize('allow', { userId: u.userId });
    expect(auth.json).toMatchObject({ scope: 'phoneNumber', decision: 'allow', userId: u.userId, expiresAt: null });
    await expectOutcome(
      s,
      { outcome: 'success', mobile: u.mobile, encrypted: true, signed: true },
      { userId: u.userId },
    );
  });

  it('a refusal (拒绝) → 40003', async () => {
    const s = fresh();
    const u = await s.addUser({ consent: 'allow' });
    await expectOutcome(
      s,
      { outcome: 'success', mobile: u.mobile, encrypted: true, signed: true },
      { userId: u.userId },
    );
    await s.authorize('deny', { userId: u.userId });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true }, { userId: u.userId });
  });

  it('the demo user revoked in a session (consent "none") → 40003 there, success elsewhere', async () => {
    const s = fresh();
    await s.send('POST', '/__admin/consents', { decision: 'none' });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true });
    await expectOutcome(fresh(), { outcome: 'success', mobile: DEMO_USER.mobile, encrypted: true, signed: true });
  });

  it('consent expiry through consentTtlMs and the session clock', async () => {
    const s = fresh();
    await s.patchApp({ consentTtlMs: 60_000 });
    const u = await s.addUser();
    const auth = await s.authorize('allow', { userId: u.userId });
    expect(auth.json.expiresAt).toBe(new Date(clock.now() + 60_000).toISOString());
    await s.send('POST', '/__admin/clock', { advanceMs: 59_999 });
    await expectOutcome(
      s,
      { outcome: 'success', mobile: u.mobile, encrypted: true, signed: true },
      { userId: u.userId },
    );
    await s.send('POST', '/__admin/clock', { advanceMs: 1 });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true }, { userId: u.userId });
    // the clock moved only in this session: another session's member with the same TTL is still fine
    const other = fresh();
    await other.patchApp({ consentTtlMs: 60_000 });
    const v = await other.addUser({ consent: 'allow' });
    await expectOutcome(
      other,
      { outcome: 'success', mobile: v.mobile, encrypted: true, signed: true },
      { userId: v.userId },
    );
  });

  it('POST /__admin/consents with ttlMs, then the clock → 40003', async () => {
    const s = fresh();
    const u = await s.addUser();
    const c = await s.send('POST', '/__admin/consents', { userId: u.userId, decision: 'allow', ttlMs: 1000 });
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({ decision: 'allow', valid: true });
    await expectOutcome(
      s,
      { outcome: 'success', mobile: u.mobile, encrypted: true, signed: true },
      { userId: u.userId },
    );
    await s.send('POST', '/__admin/clock', { advanceMs: 1000 });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true }, { userId: u.userId });
  });

  it('POST /__admin/consents/expire → 40003 (demo user, this session only)', async () => {
    const s = fresh();
    const e = await s.send('POST', '/__admin/consents/expire', {});
    expect(e.status).toBe(200);
    expect(e.json).toMatchObject({ userId: DEMO_USER.userId, valid: false });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true });
    await expectOutcome(fresh(), { outcome: 'success', mobile: DEMO_USER.mobile, encrypted: true, signed: true });
  });

  it('a member without a bound phone (noMobile) → 10000 with mobile ""', async () => {
    const s = fresh();
    const u = await s.addUser({ noMobile: true, consent: 'allow' });
    expect(u.mobile).toBe('');
    await expectOutcome(s, { outcome: 'empty-mobile', encrypted: true, signed: true }, { userId: u.userId });
  });

  it('Alipay public key not set → success, encrypted, no sign', async () => {
    const s = fresh();
    await s.patchApp({ alipayPublicKeySet: false });
    const { facts } = await expectOutcome(s, {
      outcome: 'success',
      mobile: DEMO_USER.mobile,
      encrypted: true,
      signed: false,
    });
    expect(facts.keys).toEqual(['response', 'encrypt_type', 'charset']);
  });

  it('app gateway not set → success, encrypted, no sign', async () => {
    const s = fresh();
    await s.patchApp({ appGatewaySet: false });
    await expectOutcome(s, { outcome: 'success', mobile: DEMO_USER.mobile, encrypted: true, signed: false });
  });

  it('precedence end to end: AES not set wins over a missing package, consent and sign type', async () => {
    const s = fresh();
    await s.patchApp({ aesKeyStatus: 'not-set', phonePackage: 'not-added', signType: null });
    const u = await s.addUser();
    await expectOutcome(s, { outcome: '40001-encrypt-key', encrypted: false, signed: false }, { userId: u.userId });
    await s.patchApp({ aesKeyStatus: 'set' });
    await expectOutcome(s, { outcome: '40001-sign-type', encrypted: true, signed: false }, { userId: u.userId });
    await s.patchApp({ signType: 'RSA2' });
    await expectOutcome(s, { outcome: '40006', encrypted: true, signed: true }, { userId: u.userId });
    await s.patchApp({ phonePackage: 'approved' });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: true }, { userId: u.userId });
  });

  it('sign type RSA → sign_type RSA, verifies with SHA1withRSA only', async () => {
    const s = fresh();
    await s.patchApp({ signType: 'RSA' });
    const { envelope, facts } = await expectOutcome(s, {
      outcome: 'success',
      mobile: DEMO_USER.mobile,
      encrypted: true,
      signed: true,
    });
    expect(facts.signType).toBe('RSA');
    const env = JSON.parse(envelope) as { response: string; sign: string };
    expect(rsaVerify(`"${env.response}"`, env.sign, gatewayModel(app).keys.alipayPublicKey, 'RSA2')).toBe(false);
  });

  it('envelopeForm short (ISV template app) → {"response","sign"}', async () => {
    const s = fresh();
    await s.patchApp({ envelopeForm: 'short' });
    const { facts } = await expectOutcome(s, {
      outcome: 'success',
      mobile: DEMO_USER.mobile,
      encrypted: true,
      signed: true,
    });
    expect(facts.keys).toEqual(['response', 'sign']);
    expect(facts.form).toBe('short');
  });

  it("an app's own aesKey encrypts its envelopes", async () => {
    const s = fresh();
    const aesKey = Buffer.alloc(16, 7).toString('base64');
    const created = await s.send('POST', '/__admin/apps', { appId: 'app-own-key', aesKey });
    expect(created.status).toBe(201);
    await s.send('POST', '/__admin/consents', { appId: 'app-own-key', decision: 'allow' });
    const { facts } = await s.getPhone({ appId: 'app-own-key' }, { aesKey });
    expect(facts.plaintext).toBe(plaintextFor('success', DEMO_USER.mobile));
    expect(facts.verified).toBe(true);
    const wrong = inspectWith(app, (await s.getPhone({ appId: 'app-own-key' })).envelope);
    expect(wrong.plaintext).not.toBe(plaintextFor('success', DEMO_USER.mobile));
  });

  it('the journal records the outcome, the variant and the exact envelope', async () => {
    const s = fresh();
    await s.patchApp({ phonePackage: 'added' });
    const { envelope } = await s.getPhone();
    const j = await s.send('GET', '/__admin/journal?api=getPhoneNumber');
    expect(j.json.entries).toHaveLength(1);
    expect(j.json.entries[0]).toMatchObject({
      session: s.session,
      api: 'getPhoneNumber',
      status: 200,
      outcome: '40006',
      variant: 'modelled',
      envelope,
      plaintext: plaintextFor('40006'),
      appId: gatewayModel(app).keys.appId,
      userId: DEMO_USER.userId,
    });
  });
});

describe('getPhoneNumber: mobile override', () => {
  it('replaces the number in a success, leaves other outcomes alone', async () => {
    const s = fresh();
    await expectOutcome(
      s,
      { outcome: 'success', mobile: '13912345678', encrypted: true, signed: true },
      { mobile: '13912345678' },
    );
    await expectOutcome(
      s,
      { outcome: 'success', mobile: '1-1234432112', encrypted: true, signed: true },
      { mobile: '1-1234432112' },
    );
    // an empty override is a member without a phone
    await expectOutcome(s, { outcome: 'empty-mobile', encrypted: true, signed: true }, { mobile: '' });
    await s.patchApp({ phonePackage: 'added' });
    await expectOutcome(s, { outcome: '40006', encrypted: true, signed: true }, { mobile: '13912345678' });
  });

  it('unique mobiles give unique envelopes', async () => {
    const s = fresh();
    const a = await s.getPhone({ mobile: '13900000001' });
    const b = await s.getPhone({ mobile: '13900000002' });
    expect(a.envelope).not.toBe(b.envelope);
  });
});

describe('getAuthCode and getSetting', () => {
  it('getAuthCode returns distinct codes (string or array scopes)', async () => {
    const s = fresh();
    const codes = new Set<string>();
    for (const scopes of ['auth_base', ['auth_user'], ['auth_base', 'auth_user'], 'auth_user', 'auth_base']) {
      const a = await s.send('POST', '/jsapi/getAuthCode', { scopes });
      expect(a.status).toBe(200);
      expect(a.json.authCode).toMatch(/^[0-9a-f]{32}$/);
      codes.add(a.json.authCode);
    }
    expect(codes.size).toBe(5);
  });

  it('getSetting reflects consent: none, allow, deny, expired', async () => {
    const s = fresh();
    await s.patchApp({ consentTtlMs: 10_000 });
    const u = await s.addUser();
    const setting = async () => (await s.send('POST', '/jsapi/getSetting', { userId: u.userId })).json;
    expect(await setting()).toEqual({ authSetting: { phoneNumber: false } });
    await s.authorize('allow', { userId: u.userId });
    expect(await setting()).toEqual({ authSetting: { phoneNumber: true } });
    await s.send('POST', '/__admin/clock', { advanceMs: 10_000 });
    expect(await setting()).toEqual({ authSetting: { phoneNumber: false } });
    await s.authorize('allow', { userId: u.userId });
    expect(await setting()).toEqual({ authSetting: { phoneNumber: true } });
    await s.authorize('deny', { userId: u.userId });
    expect(await setting()).toEqual({ authSetting: { phoneNumber: false } });
  });
});

describe('unknown app or member', () => {
  it.each([
    ['/jsapi/getPhoneNumber', {}],
    ['/jsapi/authorize', { scope: 'phoneNumber', decision: 'allow' }],
    ['/jsapi/getAuthCode', { scopes: 'auth_base' }],
    ['/jsapi/getSetting', {}],
  ])('%s → 404 UNKNOWN_APP / UNKNOWN_USER with the catalogue body', async (url, body) => {
    const s = fresh();
    const noApp = await s.send('POST', url, { ...body, appId: 'no-such-app' });
    expect(noApp.status).toBe(404);
    expect(noApp.json).toEqual({
      error: {
        code: 'UNKNOWN_APP',
        message: expect.stringContaining('no-such-app'),
        hint: MOCK_ERRORS.UNKNOWN_APP.hint,
      },
    });
    expect(noApp.json.error.message).toMatch(/POST \/__admin\/apps/);
    const noUser = await s.send('POST', url, { ...body, userId: '2088999999999999' });
    expect(noUser.status).toBe(404);
    expect(noUser.json).toEqual({
      error: {
        code: 'UNKNOWN_USER',
        message: expect.stringContaining('2088999999999999'),
        hint: MOCK_ERRORS.UNKNOWN_USER.hint,
      },
    });
    expect(noUser.json.error.message).toMatch(/POST \/__admin\/users/);
  });

  it('a member created in another session is unknown here', async () => {
    const a = fresh();
    const u = await a.addUser({ consent: 'allow' });
    const b = fresh();
    expect((await b.send('POST', '/jsapi/getPhoneNumber', { userId: u.userId })).status).toBe(404);
  });
});

describe('rule actions', () => {
  it('outcome without a variant: the outcome, delivered as the app allows (encrypted, signed)', async () => {
    const s = fresh();
    await s.addRule({ action: { kind: 'outcome', outcome: '20000' }, times: 1 });
    await expectOutcome(s, { outcome: '20000', encrypted: true, signed: true });
    // times: 1 → the next call is modelled again
    await expectOutcome(s, { outcome: 'success', mobile: DEMO_USER.mobile, encrypted: true, signed: true });
    const j = await s.send('GET', '/__admin/journal?api=getPhoneNumber');
    expect(j.json.entries.map((e: { outcome: string }) => e.outcome)).toEqual(['20000', 'success']);
    expect(j.json.entries[0].rules).toEqual([expect.stringMatching(/^rule-\d+$/)]);
    expect(j.json.entries[1].rules).toBeUndefined();
  });

  it('outcome without a variant respects console settings: no AES key → plain, unsigned; no public key → unsigned', async () => {
    const s = fresh();
    await s.addRule({ action: { kind: 'outcome', outcome: '40003' } });
    await s.patchApp({ aesKeyStatus: 'not-set' });
    await expectOutcome(s, { outcome: '40003', encrypted: false, signed: false });
    await s.patchApp({ aesKeyStatus: 'set', alipayPublicKeySet: false });
    await expectOutcome(s, { outcome: '40003', encrypted: true, signed: false });
  });

  it('outcome 40001-encrypt-key without a variant uses its own delivery: plain, unsigned', async () => {
    const s = fresh();
    await s.addRule({ action: { kind: 'outcome', outcome: '40001-encrypt-key' } });
    await expectOutcome(s, { outcome: '40001-encrypt-key', encrypted: false, signed: false });
  });

  it.each([
    ['standard', true, true, 'RSA2', ['response', 'sign', 'sign_type', 'encrypt_type', 'charset']],
    ['short', true, true, undefined, ['response', 'sign']],
    ['unsigned', true, false, undefined, ['response', 'encrypt_type', 'charset']],
    ['plain', false, false, undefined, ['response', 'charset']],
    ['plain-signed', false, true, 'RSA2', ['response', 'sign', 'sign_type', 'charset']],
    ['rsa', true, true, 'RSA', ['response', 'sign', 'sign_type', 'encrypt_type', 'charset']],
  ] as const)('outcome 20000 with variant %s', async (variant, encrypted, signed, signType, keys) => {
    const s = fresh();
    await s.addRule({ action: { kind: 'outcome', outcome: '20000', variant } });
    const { facts } = await expectOutcome(s, { outcome: '20000', encrypted, signed });
    expect(facts.keys).toEqual(keys);
    expect(facts.signType).toBe(signType);
    const j = await s.send('GET', '/__admin/journal?api=getPhoneNumber');
    expect(j.json.entries[0]).toMatchObject({ outcome: '20000', variant });
  });

  it.each(ENVELOPE_VARIANTS)(
    'envelope %s keeps the modelled outcome (success) and changes the shape',
    async (variant) => {
      const s = fresh();
      await s.addRule({ action: { kind: 'envelope', variant } });
      const expected = {
        default: { encrypted: true, signed: true, form: 'long' },
        standard: { encrypted: true, signed: true, form: 'long' },
        short: { encrypted: true, signed: true, form: 'short' },
        unsigned: { encrypted: true, signed: false, form: 'long' },
        plain: { encrypted: false, signed: false, form: 'long' },
        'plain-signed': { encrypted: false, signed: true, form: 'long' },
        rsa: { encrypted: true, signed: true, form: 'long' },
      }[variant];
      const { facts } = await expectOutcome(s, { outcome: 'success', mobile: DEMO_USER.mobile, ...expected });
      expect(facts.form).toBe(expected.form);
      if (variant === 'rsa') expect(facts.signType).toBe('RSA');
    },
  );

  it('envelope variant on a modelled failure keeps that failure', async () => {
    const s = fresh();
    await s.patchApp({ phonePackage: 'not-added' });
    await s.addRule({ action: { kind: 'envelope', variant: 'plain' } });
    await expectOutcome(s, { outcome: '40006', encrypted: false, signed: false });
  });

  describe('tamper', () => {
    const honest = plaintextFor('success', DEMO_USER.mobile);

    async function tampered(tampering: string) {
      const s = fresh();
      await s.addRule({ action: { kind: 'tamper', tampering } });
      const { envelope, facts } = await s.getPhone();
      const j = await s.send('GET', '/__admin/journal?api=getPhoneNumber');
      expect(j.json.entries[0]).toMatchObject({ variant: `tamper:${tampering}`, envelope, plaintext: honest });
      return { envelope, facts, env: JSON.parse(envelope) as { response: unknown; sign?: string } };
    }

    it('strip-sign: no sign, decrypts to the honest plaintext', async () => {
      const { facts } = await tampered('strip-sign');
      expect(facts).toMatchObject({ encrypted: true, signed: false, plaintext: honest });
    });

    it('foreign-key-sign: signed, fails verification, decrypts fine', async () => {
      const { facts } = await tampered('foreign-key-sign');
      expect(facts).toMatchObject({ encrypted: true, signed: true, verified: false, plaintext: honest });
    });

    it('sign-unquoted: fails the official check, verifies only over the bare ciphertext', async () => {
      const { facts, env } = await tampered('sign-unquoted');
      expect(facts).toMatchObject({ signed: true, verified: false, plaintext: honest });
      expect(
        rsaVerify(env.response as string, env.sign as string, gatewayModel(app).keys.alipayPublicKey, 'RSA2'),
      ).toBe(true);
    });

    it('flip-bit: fails verification; decrypts to something else', async () => {
      const { facts } = await tampered('flip-bit');
      expect(facts).toMatchObject({ signed: true, verified: false, encrypted: true });
      expect(facts.plaintext).not.toBe(honest);
    });

    it('truncate: fails verification; does not decrypt to the honest plaintext', async () => {
      const { facts, env } = await tampered('truncate');
      expect(facts).toMatchObject({ signed: true, verified: false });
      expect(facts.plaintext).not.toBe(honest);
      const full = JSON.parse((await fresh().getPhone()).envelope) as { response: string };
      expect(Buffer.from(env.response as string, 'base64').length).toBe(
        Buffer.from(full.response, 'base64').length - 16,
      );
    });

    it('wrong-aes-key: verifies; decrypts with the foreign key only', async () => {
      const { facts, env } = await tampered('wrong-aes-key');
      expect(facts).toMatchObject({ signed: true, verified: true });
      expect(facts.plaintext).not.toBe(honest);
      const foreign = aesDecrypt(env.response as string, gatewayModel(app).foreign().aesKey);
      expect(foreign).toEqual({ ok: true, value: honest });
    });

    it('forged-plaintext-string: unsigned JSON string starting with "{" (the sample\'s plain branch)', async () => {
      const { envelope, facts } = await tampered('forged-plaintext-string');
      expect(facts).toMatchObject({ encrypted: false, signed: false, plaintext: honest });
      expect(typeof JSON.parse(envelope).response).toBe('string');
    });

    it('forged-plaintext-object: unsigned nested object', async () => {
      const { envelope, facts } = await tampered('forged-plaintext-object');
      expect(facts).toMatchObject({ encrypted: false, signed: false, plaintext: honest });
      expect(JSON.parse(envelope).response).toEqual(JSON.parse(honest));
    });

    it('bad-sign-valid-padding / bad-sign-invalid-padding: both fail verification; only the padding differs', async () => {
      const valid = await tampered('bad-sign-valid-padding');
      expect(valid.facts).toMatchObject({ signed: true, verified: false, plaintext: honest });
      const invalid = await tampered('bad-sign-invalid-padding');
      expect(invalid.facts).toMatchObject({
        signed: true,
        verified: false,
        plaintext: undefined,
        decryptError: 'bad-padding',
      });
      const p = parseEnvelope(invalid.envelope);
      expect(p.ok && p.value.encrypted).toBe(true);
    });
  });
});

describe('consent flows through authorize', () => {
  it('authorize without a scope or with a bad decision is a 400 naming the field', async () => {
    const a = await call(app, 'POST', '/jsapi/authorize', { decision: 'allow' });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toMatch(/scope/);
    const b = await call(app, 'POST', '/jsapi/authorize', { scope: 'phoneNumber', decision: 'maybe' });
    expect(b.status).toBe(400);
    expect(b.json.error.message).toMatch(/"allow", "deny"/);
  });
});
