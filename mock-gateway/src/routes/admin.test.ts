import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEMO_USER } from '../model/users.js';
import { type Answer, call, type TestClock, testGateway } from '../test-support/gateway-client.js';
import { type SessionClient, sessionClient } from '../test-support/session-client.js';
import { MOCK_ERRORS, type MockErrorCode } from './errors.js';

let app: FastifyInstance;
let clock: TestClock;
let n = 0;
const fresh = (): SessionClient => sessionClient(app, `admin-${++n}`);
const global = (): SessionClient => sessionClient(app, '');

beforeAll(async () => {
  ({ app, clock } = await testGateway());
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await call(app, 'POST', '/__admin/reset');
});

/** A 4xx with the catalogue body whose message matches. */
function expectError(a: Answer, status: number, code: string, message?: RegExp): void {
  expect(a.status, a.text).toBe(status);
  expect(a.json).toEqual({
    error: { code, message: expect.any(String), hint: MOCK_ERRORS[code as MockErrorCode].hint },
  });
  if (message) expect(a.json.error.message).toMatch(message);
}

describe('health, sessions, keys', () => {
  it('GET /__admin/health → { ok: true }', async () => {
    const a = await call(app, 'GET', '/__admin/health');
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ ok: true });
  });

  it('GET /__admin/sessions lists sessions that set state', async () => {
    const s = fresh();
    await s.patchApp({ phonePackage: 'added' });
    const t = fresh();
    await t.addUser();
    const a = await call(app, 'GET', '/__admin/sessions');
    expect(a.json.sessions.sort()).toEqual([s.session, t.session].sort());
  });

  it('GET /__admin/keys gives public parts only: no AES key, no private key', async () => {
    const a = await call(app, 'GET', '/__admin/keys');
    expect(a.status).toBe(200);
    const k = gatewayModel(app).keys;
    expect(a.json).toMatchObject({
      appId: k.appId,
      alipayPublicKey: k.alipayPublicKeyBase64,
      appPublicKey: k.appPublicKeyBase64,
    });
    expect(a.json.alipayPublicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');
    expect(a.text).not.toContain(k.aesKey);
    expect(a.text).not.toMatch(/PRIVATE/);
    // the private halves: the tail of a private key's DER holds its private components (the head repeats the
    // modulus, which the public key shows too)
    const rootPem = readFileSync(join(k.dir, 'certs', 'root-private.pem'), 'utf8');
    for (const key of [k.alipayPrivateKey, k.appPrivateKey, createPrivateKey(rootPem)]) {
      for (const type of ['pkcs8', 'pkcs1'] as const) {
        const b64 = key.export({ format: 'der', type }).toString('base64');
        expect(a.text).not.toContain(b64.slice(-200, -8));
      }
      const d = Buffer.from(key.export({ format: 'jwk' }).d as string, 'base64url').toString('base64');
      expect(a.text).not.toContain(d.slice(8, 80));
    }
    // and no string in the answer parses as a private key
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(a.json);
    for (const str of strings) {
      for (const attempt of [
        () => createPrivateKey(str),
        () => createPrivateKey({ key: Buffer.from(str, 'base64'), format: 'der', type: 'pkcs8' }),
        () => createPrivateKey({ key: Buffer.from(str, 'base64'), format: 'der', type: 'pkcs1' }),
      ]) {
        expect(attempt).toThrow();
      }
    }
    if (k.certs)
      expect(a.json.certs).toEqual({
        alipayCertSn: k.certs.alipayCertSn,
        alipayRootCertSn: k.certs.rootCertSn,
        appCertSn: k.certs.appCertSn,
      });
  });
});

describe('reset', () => {
  it('POST /__admin/reset clears everything back to the demo app and user', async () => {
    const g = global();
    await g.patchApp({ phonePackage: 'added' });
    await g.addUser();
    await g.addRule({ action: { kind: 'reset' } });
    const s = fresh();
    await s.addUser();
    const r = await call(app, 'POST', '/__admin/reset');
    expect(r.json).toEqual({ ok: true, reset: 'all' });
    expect((await call(app, 'GET', '/__admin/sessions')).json.sessions).toEqual([]);
    expect((await call(app, 'GET', `/__admin/apps/${gatewayModel(app).keys.appId}`)).json.phonePackage).toBe(
      'approved',
    );
    expect((await call(app, 'GET', '/__admin/users')).json.users).toEqual([DEMO_USER]);
    expect((await call(app, 'GET', '/__admin/rules')).json.rules).toEqual([]);
    // only the reset call itself and the reads after it are in the journal
    const after = (await call(app, 'GET', '/__admin/journal')).json.entries;
    expect(after.map((e: { url: string }) => e.url)).toEqual([
      '/__admin/reset',
      `/__admin/apps/${gatewayModel(app).keys.appId}`,
      '/__admin/users',
      '/__admin/rules',
    ]);
  });

  it('POST /__admin/reset?session=S clears only S (state and journal)', async () => {
    const s = fresh();
    const t = fresh();
    for (const c of [s, t]) {
      await c.patchApp({ phonePackage: 'added' });
      await c.addUser();
      await c.addRule({ action: { kind: 'outcome', outcome: '20000' } });
      await c.getPhone();
    }
    const r = await call(app, 'POST', `/__admin/reset?session=${s.session}`);
    expect(r.json).toEqual({ ok: true, reset: s.session });
    expect((await s.send('GET', '/__admin/apps/2021000000000001')).json.phonePackage).toBe('approved');
    expect((await s.send('GET', '/__admin/users')).json.users).toEqual([DEMO_USER]);
    expect((await s.send('GET', '/__admin/rules')).json.rules).toEqual([]);
    expect((await s.send('GET', '/__admin/journal/count?api=getPhoneNumber')).json.count).toBe(0);
    // the session's journal restarted at the reset: the reset call itself and the three reads above
    expect((await s.send('GET', '/__admin/journal/count')).json.count).toBe(4);
    expect((await t.send('GET', '/__admin/apps/2021000000000001')).json.phonePackage).toBe('added');
    expect((await t.send('GET', '/__admin/users')).json.users).toHaveLength(2);
    expect((await t.send('GET', '/__admin/rules')).json.rules).toHaveLength(1);
    expect((await t.send('GET', '/__admin/journal/count?api=getPhoneNumber')).json.count).toBe(1);
  });

  it('reset with a bad session or an unknown query field → 400', async () => {
    expectError(await call(app, 'POST', '/__admin/reset?session=bad%20id'), 400, 'VALIDATION_FAILED', /session/);
    expectError(await call(app, 'POST', '/__admin/reset?sesion=x'), 400, 'VALIDATION_FAILED', /unknown field "sesion"/);
    expectError(
      await call(app, 'POST', '/__admin/reset', undefined, { headers: { 'x-alimock-session': 'a b' } }),
      400,
      'BAD_SESSION',
    );
  });
});

describe('clock', () => {
  it('GET shows session time; POST advances it for that session only', async () => {
    const s = fresh();
    const start = new Date(clock.now()).toISOString();
    expect((await s.send('GET', '/__admin/clock')).json).toEqual({ now: start });
    const a = await s.send('POST', '/__admin/clock', { advanceMs: 3_600_000 });
    expect(a.json).toEqual({ now: new Date(clock.now() + 3_600_000).toISOString() });
    expect((await s.send('GET', '/__admin/clock')).json.now).toBe(a.json.now);
    expect((await fresh().send('GET', '/__admin/clock')).json).toEqual({ now: start });
    expect((await global().send('GET', '/__admin/clock')).json).toEqual({ now: start });
  });

  it('without a session, POST advances the global time and every session with it', async () => {
    const s = fresh();
    await s.send('POST', '/__admin/clock', { advanceMs: 1000 });
    const g = await global().send('POST', '/__admin/clock', { advanceMs: 60_000 });
    expect(g.json).toEqual({ now: new Date(clock.now() + 60_000).toISOString() });
    expect((await global().send('GET', '/__admin/clock')).json.now).toBe(g.json.now);
    expect((await s.send('GET', '/__admin/clock')).json.now).toBe(new Date(clock.now() + 61_000).toISOString());
    expect((await fresh().send('GET', '/__admin/clock')).json.now).toBe(g.json.now);
  });

  it('the gateway clock moves session time too', async () => {
    const s = fresh();
    await s.send('POST', '/__admin/clock', { advanceMs: 5 });
    clock.advance(1000);
    expect((await s.send('GET', '/__admin/clock')).json.now).toBe(new Date(clock.now() + 5).toISOString());
  });

  it.each([
    [{}, /missing required field "advanceMs"/],
    [{ advanceMs: '10' }, /advanceMs: must be integer/],
    [{ advanceMs: 1.5 }, /advanceMs: must be integer/],
    [{ advanceMs: 1, extra: true }, /unknown field "extra"/],
  ])('POST /__admin/clock %j → 400', async (body, message) => {
    expectError(await call(app, 'POST', '/__admin/clock', body), 400, 'VALIDATION_FAILED', message);
  });
});

describe('apps', () => {
  const demo = () => gatewayModel(app).keys.appId;

  it('GET /__admin/apps lists the demo app with its default console settings', async () => {
    const a = await call(app, 'GET', '/__admin/apps');
    expect(a.json).toEqual({
      apps: [
        {
          appId: demo(),
          alipayPublicKeySet: true,
          signType: 'RSA2',
          aesKeyStatus: 'set',
          appGatewaySet: true,
          phonePackage: 'approved',
          envelopeForm: 'long',
          consentTtlMs: null,
        },
      ],
    });
  });

  it('POST creates (201), POST again patches (200), GET shows it, PATCH changes fields', async () => {
    const g = global();
    const c = await g.send('POST', '/__admin/apps', { appId: 'app-x', phonePackage: 'added' });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ appId: 'app-x', phonePackage: 'added', signType: 'RSA2' });
    const again = await g.send('POST', '/__admin/apps', { appId: 'app-x', signType: 'RSA' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ appId: 'app-x', phonePackage: 'added', signType: 'RSA' });
    const p = await g.send('PATCH', '/__admin/apps/app-x', { signType: null, consentTtlMs: 1000 });
    expect(p.json).toMatchObject({ signType: null, consentTtlMs: 1000, phonePackage: 'added' });
    expect((await g.send('GET', '/__admin/apps/app-x')).json).toEqual(p.json);
    expect((await g.send('GET', '/__admin/apps')).json.apps.map((x: { appId: string }) => x.appId)).toEqual([
      demo(),
      'app-x',
    ]);
  });

  it('a session overlay is invisible to other sessions and to the global view', async () => {
    const s = fresh();
    await s.patchApp({ aesKeyStatus: 'unusable' });
    await s.send('POST', '/__admin/apps', { appId: 'only-in-s' });
    expect((await s.send('GET', `/__admin/apps/${demo()}`)).json.aesKeyStatus).toBe('unusable');
    expect((await s.send('GET', '/__admin/apps/only-in-s')).status).toBe(200);
    for (const other of [fresh(), global()]) {
      expect((await other.send('GET', `/__admin/apps/${demo()}`)).json.aesKeyStatus).toBe('set');
      expectError(await other.send('GET', '/__admin/apps/only-in-s'), 404, 'UNKNOWN_APP', /only-in-s/);
      expect((await other.send('GET', '/__admin/apps')).json.apps).toHaveLength(1);
      expectError(
        await other.send('PATCH', '/__admin/apps/only-in-s', { phonePackage: 'added' }),
        404,
        'UNKNOWN_APP',
        /POST \/__admin\/apps/,
      );
    }
  });

  it('the session may come in the body too', async () => {
    const s = fresh();
    await call(app, 'PATCH', `/__admin/apps/${demo()}`, { session: s.session, phonePackage: 'not-added' });
    expect((await call(app, 'GET', `/__admin/apps/${demo()}?session=${s.session}`)).json.phonePackage).toBe(
      'not-added',
    );
    expect((await call(app, 'GET', `/__admin/apps/${demo()}`)).json.phonePackage).toBe('approved');
  });

  it('a global change shows through in sessions that did not override it', async () => {
    const s = fresh();
    await s.patchApp({ signType: 'RSA' });
    await global().patchApp({ phonePackage: 'added', signType: null });
    expect((await s.send('GET', `/__admin/apps/${demo()}`)).json).toMatchObject({
      phonePackage: 'added',
      signType: 'RSA',
    });
  });

  it.each([
    ['POST', '/__admin/apps', {}, 400, 'VALIDATION_FAILED', /missing required field "appId"/],
    ['POST', '/__admin/apps', { appId: 'a b' }, 400, 'VALIDATION_FAILED', /appId: must match pattern/],
    [
      'POST',
      '/__admin/apps',
      { appId: 'x', phonePackage: 'yes' },
      400,
      'VALIDATION_FAILED',
      /"not-added", "added", "approved"/,
    ],
    [
      'PATCH',
      '/__admin/apps/2021000000000001',
      { aesKeyStatus: 'maybe' },
      400,
      'VALIDATION_FAILED',
      /"set", "not-set", "unusable"/,
    ],
    ['PATCH', '/__admin/apps/2021000000000001', { signType: 'RSA3' }, 400, 'VALIDATION_FAILED', /"RSA2", "RSA", null/],
    [
      'PATCH',
      '/__admin/apps/2021000000000001',
      { alipayPublicKeySet: 'false' },
      400,
      'VALIDATION_FAILED',
      /alipayPublicKeySet: must be boolean/,
    ],
    [
      'PATCH',
      '/__admin/apps/2021000000000001',
      { phonePackge: 'added' },
      400,
      'VALIDATION_FAILED',
      /unknown field "phonePackge"/,
    ],
    ['PATCH', '/__admin/apps/2021000000000001', { appId: 'other' }, 400, 'VALIDATION_FAILED', /unknown field "appId"/],
    ['PATCH', '/__admin/apps/2021000000000001', { consentTtlMs: -1 }, 400, 'VALIDATION_FAILED', /consentTtlMs/],
    ['PATCH', '/__admin/apps/2021000000000001', { aesKey: 'not base64!' }, 400, 'VALIDATION_FAILED', /aesKey/],
    ['PATCH', '/__admin/apps/nope', { phonePackage: 'added' }, 404, 'UNKNOWN_APP', /nope/],
    ['GET', '/__admin/apps/nope', undefined, 404, 'UNKNOWN_APP', /nope/],
  ] as const)('%s %s %j → %i %s', async (method, url, body, status, code, message) => {
    expectError(await call(app, method, url, body), status, code, message);
  });
});

describe('users', () => {
  it('GET lists the demo member; POST adds seeded fake members (2088… ids, mainland mobiles)', async () => {
    expect((await call(app, 'GET', '/__admin/users')).json).toEqual({ users: [DEMO_USER] });
    const s = fresh();
    const a = await s.send('POST', '/__admin/users', { count: 5 });
    expect(a.status).toBe(201);
    expect(a.json.users).toHaveLength(5);
    for (const u of a.json.users) {
      expect(u.userId).toMatch(/^2088\d{12}$/);
      expect(u.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(u.openId).toMatch(/^0[A-Za-z0-9]{45}$/);
      expect(u.nickName).toEqual(expect.any(String));
    }
    expect(new Set(a.json.users.map((u: { userId: string }) => u.userId)).size).toBe(5);
    expect((await s.send('GET', '/__admin/users')).json.users).toHaveLength(6);
    expect((await s.send('GET', `/__admin/users/${a.json.users[0].userId}`)).json).toEqual(a.json.users[0]);
    // invisible elsewhere
    expect((await fresh().send('GET', '/__admin/users')).json.users).toEqual([DEMO_USER]);
    expectError(await fresh().send('GET', `/__admin/users/${a.json.users[0].userId}`), 404, 'UNKNOWN_USER');
  });

  it('members are reproducible per (seed, session): independent of other sessions, restarted by a reset', async () => {
    const create = async (gw: FastifyInstance, session: string) =>
      (await sessionClient(gw, session).send('POST', '/__admin/users', { count: 3 })).json.users;
    const first = await create(app, 'seeded');
    const second = await create(app, 'seeded');
    expect(second).not.toEqual(first);
    // another gateway, same seed, other sessions busy first: the same members for that session
    const { app: other } = await testGateway();
    await create(other, 'someone-else');
    await create(other, '');
    expect(await create(other, 'seeded')).toEqual(first);
    // a different seed gives different members
    const { app: third } = await testGateway({ seed: 8 });
    expect(await create(third, 'seeded')).not.toEqual(first);
    await Promise.all([other.close(), third.close()]);
    // a reset restarts a session's sequence; a reset of everything restarts the global layer's
    await call(app, 'POST', '/__admin/reset?session=seeded');
    expect(await create(app, 'seeded')).toEqual(first);
    const g1 = await create(app, '');
    await call(app, 'POST', '/__admin/reset');
    expect(await create(app, '')).toEqual(g1);
  });

  it('userId, mobile, nickName, noMobile are honoured', async () => {
    const s = fresh();
    const u = await s.addUser({ userId: '2088123412341234', mobile: '13700001111' });
    expect(u).toMatchObject({ userId: '2088123412341234', mobile: '13700001111' });
    const nm = await s.addUser({ noMobile: true });
    expect(nm.mobile).toBe('');
    const named = (await s.send('POST', '/__admin/users', { nickName: '张三' })).json.users[0];
    expect(named.nickName).toBe('张三');
  });

  it('consent "allow" records a consent for the app (with its TTL); without it, none', async () => {
    const s = fresh();
    await s.patchApp({ consentTtlMs: 5000 });
    const withConsent = await s.addUser({ consent: 'allow' });
    const without = await s.addUser();
    const consents = (await s.send('GET', '/__admin/consents')).json.consents;
    const mine = consents.find((c: { userId: string }) => c.userId === withConsent.userId);
    expect(mine).toMatchObject({
      decision: 'allow',
      valid: true,
      expiresAt: new Date(clock.now() + 5000).toISOString(),
    });
    expect(consents.find((c: { userId: string }) => c.userId === without.userId)).toBeUndefined();
  });

  it.each([
    [{ count: 0 }, /count: must be >= 1/],
    [{ count: 1001 }, /count: must be <= 1000/],
    [{ count: '2' }, /count: must be integer/],
    [{ userId: '123' }, /userId: must match pattern/],
    [{ mobile: 'abc' }, /mobile: must match pattern/],
    [{ consent: 'deny' }, /"allow", "none"/],
    [{ noMobile: 'yes' }, /noMobile: must be boolean/],
    [{ nickname: 'x' }, /unknown field "nickname"/],
    [{ userId: '2088123412341234', count: 2 }, /either "userId" or "count"/],
  ])('POST /__admin/users %j → 400', async (body, message) => {
    expectError(await call(app, 'POST', '/__admin/users', body), 400, 'VALIDATION_FAILED', message);
  });

  it('consent for an unknown app → 404', async () => {
    expectError(await call(app, 'POST', '/__admin/users', { consent: 'allow', appId: 'nope' }), 404, 'UNKNOWN_APP');
  });
});

describe('consents', () => {
  it('GET lists the demo consent; POST sets allow / deny / none with an optional ttl; valid reflects time', async () => {
    const s = fresh();
    const list = (await s.send('GET', '/__admin/consents')).json.consents;
    expect(list).toEqual([
      {
        appId: gatewayModel(app).keys.appId,
        userId: DEMO_USER.userId,
        decision: 'allow',
        at: new Date(clock.now()).toISOString(),
        expiresAt: null,
        valid: true,
      },
    ]);
    const u = await s.addUser();
    const allow = await s.send('POST', '/__admin/consents', { userId: u.userId, decision: 'allow', ttlMs: 100 });
    expect(allow.json).toMatchObject({
      userId: u.userId,
      decision: 'allow',
      valid: true,
      expiresAt: new Date(clock.now() + 100).toISOString(),
    });
    await s.send('POST', '/__admin/clock', { advanceMs: 100 });
    const after = (await s.send('GET', '/__admin/consents')).json.consents.find(
      (c: { userId: string }) => c.userId === u.userId,
    );
    expect(after.valid).toBe(false);
    expect((await s.send('POST', '/__admin/consents', { userId: u.userId, decision: 'deny' })).json).toMatchObject({
      decision: 'deny',
      valid: false,
      expiresAt: null,
    });
    expect((await s.send('POST', '/__admin/consents', { userId: u.userId, decision: 'none' })).json).toMatchObject({
      decision: 'none',
      valid: false,
    });
    // the session's consents are invisible elsewhere
    expect((await fresh().send('GET', '/__admin/consents')).json.consents).toHaveLength(1);
  });

  it('ttlMs null overrides the app TTL (never expires)', async () => {
    const s = fresh();
    await s.patchApp({ consentTtlMs: 10 });
    const c = await s.send('POST', '/__admin/consents', { decision: 'allow', ttlMs: null });
    expect(c.json.expiresAt).toBeNull();
    const d = await s.send('POST', '/__admin/consents', { decision: 'allow' });
    expect(d.json.expiresAt).toBe(new Date(clock.now() + 10).toISOString());
  });

  it('expire makes a consent invalid now; without a consent → 404 NO_CONSENT', async () => {
    const s = fresh();
    const e = await s.send('POST', '/__admin/consents/expire', {});
    expect(e.status).toBe(200);
    expect(e.json).toMatchObject({
      decision: 'allow',
      valid: false,
      expiresAt: new Date(clock.now() - 1).toISOString(),
    });
    const u = await s.addUser();
    expectError(
      await s.send('POST', '/__admin/consents/expire', { userId: u.userId }),
      404,
      'NO_CONSENT',
      /no consent/,
    );
    await s.authorize('deny', { userId: u.userId });
    expectError(await s.send('POST', '/__admin/consents/expire', { userId: u.userId }), 404, 'NO_CONSENT');
  });

  it.each([
    ['/__admin/consents', {}, 400, 'VALIDATION_FAILED', /missing required field "decision"/],
    ['/__admin/consents', { decision: 'yes' }, 400, 'VALIDATION_FAILED', /"allow", "deny", "none"/],
    ['/__admin/consents', { decision: 'allow', ttlMs: '5' }, 400, 'VALIDATION_FAILED', /ttlMs/],
    ['/__admin/consents', { decision: 'allow', appId: 'nope' }, 404, 'UNKNOWN_APP', /nope/],
    ['/__admin/consents', { decision: 'allow', userId: '2088999999999999' }, 404, 'UNKNOWN_USER', /2088999999999999/],
    ['/__admin/consents/expire', { decision: 'allow' }, 400, 'VALIDATION_FAILED', /unknown field "decision"/],
  ] as const)('POST %s %j → %i', async (url, body, status, code, message) => {
    expectError(await call(app, 'POST', url, body), status, code, message);
  });
});

describe('rules', () => {
  it('POST creates (201) with an id and counters; GET lists; DELETE one; DELETE all of a session', async () => {
    const s = fresh();
    const r1 = await s.addRule({ action: { kind: 'outcome', outcome: '20000' }, times: 2, note: 'busy' });
    expect(r1.json).toEqual({
      id: expect.stringMatching(/^rule-\d+$/),
      action: { kind: 'outcome', outcome: '20000' },
      scope: { session: s.session },
      times: 2,
      remaining: 2,
      matched: 0,
      fired: 0,
      note: 'busy',
    });
    const r2 = await s.addRule({ action: { kind: 'latency', ms: 5 } });
    const g = await global().addRule({ action: { kind: 'reset' }, scope: { api: 'gateway' } });
    await s.getPhone();
    const listed = (await s.send('GET', '/__admin/rules')).json.rules;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([r1.json.id, r2.json.id]);
    expect(listed[0]).toMatchObject({ fired: 1, matched: 1, remaining: 1 });
    expect((await call(app, 'GET', '/__admin/rules')).json.rules.map((r: { id: string }) => r.id).sort()).toEqual(
      [r1.json.id, r2.json.id, g.json.id].sort(),
    );
    expect((await s.send('DELETE', `/__admin/rules/${r1.json.id}`)).json).toEqual({ removed: 1 });
    expectError(await s.send('DELETE', `/__admin/rules/${r1.json.id}`), 404, 'UNKNOWN_RULE', new RegExp(r1.json.id));
    await s.addRule({ action: { kind: 'reset' } });
    expect((await s.send('DELETE', '/__admin/rules')).json).toEqual({ removed: 2 });
    expect((await s.send('GET', '/__admin/rules')).json.rules).toEqual([]);
    expect((await call(app, 'GET', '/__admin/rules')).json.rules).toHaveLength(1);
  });

  it('a rule scoped to another session never fires here', async () => {
    const s = fresh();
    const t = fresh();
    await s.addRule({ action: { kind: 'outcome', outcome: '40003' } });
    expect((await t.getPhone()).facts.plaintext).toContain('"10000"');
    expect((await s.getPhone()).facts.plaintext).toContain('"40003"');
  });

  it.each([
    [{}, /action: must be an object/],
    [{ action: { kind: 'nope' } }, /action\.kind must be one of/],
    [{ action: { kind: 'outcome', outcome: '12345' } }, /"outcome" must be one of/],
    [{ action: { kind: 'reset' }, times: 0 }, /times:/],
    [{ action: { kind: 'reset' }, probability: 2 }, /probability:/],
    [{ action: { kind: 'reset' }, scope: { api: 'x' } }, /scope\.api: must be one of/],
    [{ action: { kind: 'reset' }, color: 'red' }, /unknown field "color"/],
    [[{ action: { kind: 'reset' } }], /JSON object/],
  ])('POST /__admin/rules %j → 400 naming the field', async (body, message) => {
    expectError(await call(app, 'POST', '/__admin/rules', body), 400, 'VALIDATION_FAILED', message);
  });

  it("a session can neither add rules to another session nor delete another session's rules", async () => {
    const s = fresh();
    const t = fresh();
    const planted = await call(
      app,
      'POST',
      '/__admin/rules',
      { action: { kind: 'reset' }, scope: { session: t.session } },
      {
        headers: { 'x-alimock-session': s.session },
      },
    );
    expectError(
      planted,
      400,
      'VALIDATION_FAILED',
      new RegExp(`scope.session "${t.session}" is not this request's session "${s.session}"`),
    );
    expect((await t.send('GET', '/__admin/rules')).json.rules).toEqual([]);
    // the same scope as the request's own session is fine
    const own = await s.send('POST', '/__admin/rules', { action: { kind: 'reset' }, scope: { session: s.session } });
    expect(own.status).toBe(201);
    const theirs = (await t.addRule({ action: { kind: 'outcome', outcome: '20000' } })).json.id as string;
    expectError(await s.send('DELETE', `/__admin/rules/${theirs}`), 404, 'UNKNOWN_RULE', /in this session/);
    expect((await t.send('GET', '/__admin/rules')).json.rules).toHaveLength(1);
    // the global admin (no session) may remove any rule
    expect((await global().send('DELETE', `/__admin/rules/${theirs}`)).json).toEqual({ removed: 1 });
    expect((await t.send('GET', '/__admin/rules')).json.rules).toEqual([]);
  });

  it('DELETE with a malformed id → 400', async () => {
    expectError(await call(app, 'DELETE', '/__admin/rules/abc'), 400, 'VALIDATION_FAILED', /id/);
  });
});

describe('journal', () => {
  async function traffic() {
    const s = fresh();
    const t = fresh();
    await s.getPhone();
    await s.patchApp({ phonePackage: 'added' });
    await s.getPhone();
    await s.authorize('allow');
    await t.getPhone();
    await t.getPhone();
    return { s, t };
  }

  it('records calls with session, api, status, timing; admin calls as api "admin"', async () => {
    const { s } = await traffic();
    const e = (await s.send('GET', '/__admin/journal')).json.entries;
    expect(e.map((x: { api: string }) => x.api)).toEqual(['getPhoneNumber', 'admin', 'getPhoneNumber', 'authorize']);
    for (const x of e) {
      expect(x).toMatchObject({
        session: s.session,
        status: 200,
        durationMs: expect.any(Number),
      });
      expect(typeof x.seq).toBe('number');
      expect(Date.parse(x.at)).not.toBeNaN();
    }
    expect(e[1]).toMatchObject({ method: 'PATCH', url: '/__admin/apps/2021000000000001' });
  });

  it('filters: session, api, outcome, after, limit; and count', async () => {
    const { s, t } = await traffic();
    const q = async (query: string) =>
      (await call(app, 'GET', `/__admin/journal?${query}`)).json.entries as Array<{
        seq: number;
        session: string;
        outcome?: string;
      }>;
    const count = async (query: string) =>
      (await call(app, 'GET', `/__admin/journal/count?${query}`)).json.count as number;
    expect(await count(`session=${s.session}&api=getPhoneNumber`)).toBe(2);
    expect(await count(`session=${t.session}&api=getPhoneNumber`)).toBe(2);
    expect(await count(`session=${s.session}`)).toBe(4);
    expect(await count('api=getPhoneNumber')).toBe(4);
    expect(await count('outcome=40006')).toBe(1);
    expect((await q(`session=${s.session}&outcome=success`)).map((x) => x.outcome)).toEqual(['success']);
    const all = await q('api=getPhoneNumber');
    expect(all.map((x) => x.session)).toEqual([s.session, s.session, t.session, t.session]);
    const second = all[1]?.seq as number;
    expect((await q(`api=getPhoneNumber&after=${second}`)).map((x) => x.session)).toEqual([t.session, t.session]);
    expect(await count(`api=getPhoneNumber&after=${second}`)).toBe(2);
    const last = await q('api=getPhoneNumber&limit=1');
    expect(last).toHaveLength(1);
    expect(last[0]?.seq).toBe(all[3]?.seq);
    // the header selects the session as well
    const viaHeader = await t.send('GET', '/__admin/journal/count?api=getPhoneNumber');
    expect(viaHeader.json.count).toBe(2);
  });

  it('reading the journal is not journaled', async () => {
    const s = fresh();
    await s.getPhone();
    await s.send('GET', '/__admin/journal');
    await s.send('GET', '/__admin/journal/count');
    expect((await s.send('GET', '/__admin/journal/count')).json.count).toBe(1);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=10001', /limit/],
    ['limit=abc', /limit/],
    ['after=-1', /after/],
    ['after=1.5', /after/],
    ['sesion=x', /unknown field "sesion"/],
    ['session=bad%20id', /session/],
    [`api=${'x'.repeat(33)}`, /api/],
  ])('GET /__admin/journal?%s → 400', async (query, message) => {
    expectError(await call(app, 'GET', `/__admin/journal?${query}`), 400, 'VALIDATION_FAILED', message);
    expectError(await call(app, 'GET', `/__admin/journal/count?${query}`), 400, 'VALIDATION_FAILED', message);
  });
});

describe('session eviction (maxSessions)', () => {
  it('evicts the least recently used session, where reading counts as use', async () => {
    const { app: small } = await testGateway({ maxSessions: 2 });
    const a = sessionClient(small, 'a');
    const b = sessionClient(small, 'b');
    await a.patchApp({ phonePackage: 'added' });
    await b.patchApp({ phonePackage: 'not-added' });
    // a is used (read) after b was written: b is now the least recently used
    expect((await a.getPhone()).facts.plaintext).toContain('"40006"');
    await sessionClient(small, 'c').patchApp({ signType: 'RSA' });
    expect(gatewayModel(small).store.sessions().sort()).toEqual(['a', 'c']);
    expect((await a.send('GET', '/__admin/apps/2021000000000001')).json.phonePackage).toBe('added');
    expect((await b.send('GET', '/__admin/apps/2021000000000001')).json.phonePackage).toBe('approved');
    await small.close();
  });
});

describe('routing errors', () => {
  it('an unknown route → 404 NOT_FOUND with the catalogue body', async () => {
    expectError(await call(app, 'GET', '/__admin/nope'), 404, 'NOT_FOUND', /GET \/__admin\/nope/);
  });
});
