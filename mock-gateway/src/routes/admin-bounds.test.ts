import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { MAX_CLOCK_OFFSET_MS } from '../model/limits.js';
import { aesDecrypt } from '../protocol/index.js';
import { call, testGateway } from '../test-support/gateway-client.js';
import { sessionClient } from '../test-support/session-client.js';
import { MOCK_ERRORS } from './errors.js';

/** What the admin edge refuses so that no later call can fail: unusable AES keys, clocks beyond Date, endless state. */

describe('AES keys are 16, 24 or 32 bytes', () => {
  it('12 and 20 bytes are refused with a 400 naming the length; getPhoneNumber keeps working', async () => {
    const { app } = await testGateway();
    const s = sessionClient(app, 'aes-1');
    for (const [key, bytes] of [
      ['AAAAAAAAAAAAAAAA', 12],
      [randomBytes(20).toString('base64'), 20],
    ] as const) {
      for (const [method, url, body] of [
        ['PATCH', '/__admin/apps/2021000000000001', { aesKey: key }],
        ['POST', '/__admin/apps', { appId: 'other-app', aesKey: key }],
      ] as const) {
        const a = await s.send(method, url, body);
        expect(a.status, a.text).toBe(400);
        expect(a.json.error.code).toBe('VALIDATION_FAILED');
        expect(a.json.error.message).toMatch(
          new RegExp(`body\\.aesKey: decodes to ${bytes} bytes; an AES key is 16, 24 or 32`),
        );
      }
    }
    const phone = await s.getPhone();
    expect(phone.facts.plaintext).toContain('"code":"10000"');
    await app.close();
  });

  it('16, 24 and 32 bytes are accepted, and the envelope is encrypted with that key (AES-128/192/256)', async () => {
    const { app } = await testGateway();
    for (const bytes of [16, 24, 32]) {
      const s = sessionClient(app, `aes-${bytes}`);
      const key = randomBytes(bytes).toString('base64');
      await s.patchApp({ aesKey: key });
      const a = await s.send('POST', '/jsapi/getPhoneNumber', {});
      expect(a.status).toBe(200);
      const response = JSON.parse(a.json.response).response as string;
      const plain = aesDecrypt(response, key);
      expect(plain.ok && plain.value).toContain('"mobile":"13800138000"');
    }
    await app.close();
  });
});

describe('session clocks stay within ±100 years (inside what a Date holds)', () => {
  it('advancing past the bound is a 400 OUT_OF_RANGE that changes nothing; clock, consents and /gateway.do keep answering', async () => {
    const { app } = await testGateway();
    const s = sessionClient(app, 'far-future');
    const step = 315_360_000_000; // the largest single step (10 years)
    let moved = 0;
    for (;;) {
      const a = await s.send('POST', '/__admin/clock', { advanceMs: step });
      if (a.status !== 200) {
        expect(a.status).toBe(400);
        expect(a.json.error).toEqual({
          code: 'OUT_OF_RANGE',
          message: expect.stringMatching(/limit is ±100 years .*reset the session/),
          hint: MOCK_ERRORS.OUT_OF_RANGE.hint,
        });
        break;
      }
      moved += step;
    }
    expect(moved).toBeLessThanOrEqual(MAX_CLOCK_OFFSET_MS);
    expect(moved + step).toBeGreaterThan(MAX_CLOCK_OFFSET_MS);
    const clock = await s.send('GET', '/__admin/clock');
    expect(clock.status).toBe(200);
    expect(Date.parse(clock.json.now) - gatewayModel(app).clock.now()).toBe(moved);
    const consent = await s.send('POST', '/__admin/consents', { decision: 'allow', ttlMs: 315_360_000_000 });
    expect(consent.status).toBe(200);
    expect((await s.send('GET', '/__admin/consents')).status).toBe(200);
    expect((await s.send('POST', '/jsapi/getPhoneNumber', {})).status).toBe(200);
    const gw = await call(app, 'POST', '/gateway.do', 'method=x', {
      headers: { 'x-alimock-session': 'far-future', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(gw.status).toBe(200);
    // backwards too, and the global clock as well
    const back = await call(app, 'POST', '/__admin/clock', { advanceMs: -step });
    expect(back.status).toBe(200);
    for (let i = 0; i < 20; i++) await call(app, 'POST', '/__admin/clock', { advanceMs: -step });
    expect((await call(app, 'GET', '/__admin/clock')).status).toBe(200);
    expect((await s.send('GET', '/__admin/clock')).status).toBe(200);
    await app.close();
  });
});

describe('admin collections are capped per session and in total, with a 409 that says what to do', () => {
  it('members: per session, then over all sessions; other sessions keep working', async () => {
    const { app } = await testGateway({ limits: { usersPerSession: 5, usersTotal: 12 } });
    const a = sessionClient(app, 'cap-a');
    expect((await a.send('POST', '/__admin/users', { count: 5 })).status).toBe(201);
    const over = await a.send('POST', '/__admin/users', {});
    expect(over.status).toBe(409);
    expect(over.json.error).toEqual({
      code: 'LIMIT_REACHED',
      message:
        'session "cap-a" holds 5 members; adding 1 would pass its limit of 5: reset the session or use another one',
      hint: MOCK_ERRORS.LIMIT_REACHED.hint,
    });
    const b = sessionClient(app, 'cap-b');
    expect((await b.send('POST', '/__admin/users', { count: 5 })).status).toBe(201);
    // the global layer holds the demo member: 5 + 5 + 1 = 11 of 12
    const total = await sessionClient(app, 'cap-c').send('POST', '/__admin/users', { count: 2 });
    expect(total.status).toBe(409);
    expect(total.json.error.message).toMatch(/over all sessions; adding 2 would pass its limit of 12/);
    // a reset frees the room
    await a.send('POST', '/__admin/reset');
    expect((await sessionClient(app, 'cap-c').send('POST', '/__admin/users', { count: 2 })).status).toBe(201);
    expect((await a.getPhone()).facts.plaintext).toContain('"code":"10000"');
    await app.close();
  });

  it('rules, app overlays and consents (also through /jsapi/authorize)', async () => {
    const { app } = await testGateway({ limits: { rulesPerSession: 3, appsPerSession: 2, consentsPerSession: 2 } });
    const s = sessionClient(app, 'cap-r');
    for (let i = 0; i < 3; i++) await s.addRule({ action: { kind: 'latency', ms: 0 } });
    const rule = await s.send('POST', '/__admin/rules', { action: { kind: 'latency', ms: 0 } });
    expect(rule.status).toBe(409);
    expect(rule.json.error.message).toMatch(/holds 3 fault rules/);
    await s.send('DELETE', '/__admin/rules');
    expect((await s.send('POST', '/__admin/rules', { action: { kind: 'latency', ms: 0 } })).status).toBe(201);

    expect((await s.send('POST', '/__admin/apps', { appId: 'cap-app-1' })).status).toBe(201);
    expect((await s.send('PATCH', '/__admin/apps/cap-app-1', { phonePackage: 'added' })).status).toBe(200);
    expect((await s.send('POST', '/__admin/apps', { appId: 'cap-app-2' })).status).toBe(201);
    const app3 = await s.send('POST', '/__admin/apps', { appId: 'cap-app-3' });
    expect(app3.status).toBe(409);
    expect(app3.json.error.message).toMatch(/holds 2 app overlays/);
    // overwriting an overlay the session holds takes no room
    expect((await s.send('PATCH', '/__admin/apps/cap-app-2', { phonePackage: 'added' })).status).toBe(200);

    const u1 = await s.addUser();
    const u2 = await s.addUser();
    const u3 = await s.addUser();
    await s.authorize('allow', { userId: u1.userId });
    await s.authorize('deny', { userId: u2.userId });
    await s.authorize('allow', { userId: u1.userId }); // the same record again: no room needed
    const third = await s.send('POST', '/jsapi/authorize', {
      scope: 'phoneNumber',
      decision: 'allow',
      userId: u3.userId,
    });
    expect(third.status).toBe(409);
    const admin = await s.send('POST', '/__admin/consents', { decision: 'allow', userId: u3.userId });
    expect(admin.status).toBe(409);
    expect(admin.json.error.message).toMatch(/holds 2 consent records/);
    await app.close();
  });

  it('the default caps are there without options (a session cannot add its 10,001st member)', async () => {
    const { app } = await testGateway();
    const s = sessionClient(app, 'cap-default');
    for (let i = 0; i < 10; i++) expect((await s.send('POST', '/__admin/users', { count: 1000 })).status).toBe(201);
    const over = await s.send('POST', '/__admin/users', {});
    expect(over.status).toBe(409);
    expect(over.json.error.message).toMatch(/limit of 10000/);
    await app.close();
  });
});
