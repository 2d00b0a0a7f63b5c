import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEMO_USER } from '../model/users.js';
import { plaintextFor } from '../protocol/index.js';
import { call, testGateway } from '../test-support/gateway-client.js';
import { type MalformedRequest, malformedRequests, toInject } from '../test-support/malformed-requests.js';
import { sessionClient } from '../test-support/session-client.js';
import { MOCK_ERRORS } from './errors.js';

let app: FastifyInstance;

/** State as the admin API shows it, globally and in the one session the setup used (the journal excluded). */
async function snapshot(): Promise<unknown> {
  const views: Record<string, unknown> = {};
  for (const session of ['', 'bad-input-s']) {
    const s = sessionClient(app, session);
    for (const path of ['/__admin/apps', '/__admin/users', '/__admin/consents', '/__admin/rules', '/__admin/clock']) {
      const a = await s.send('GET', path);
      expect(a.status).toBe(200);
      views[`${session}:${path}`] = a.json;
    }
  }
  views.sessions = (await call(app, 'GET', '/__admin/sessions')).json;
  views.store = gatewayModel(app).store.sessions();
  return views;
}

beforeAll(async () => {
  ({ app } = await testGateway({ journalCapacity: 20_000 }));
  // some state worth protecting: an extra app, members, consents, rules (a probability-0 canary counts every
  // getPhoneNumber that reaches the rules), in the global layer and in a session
  const g = sessionClient(app, '');
  await g.send('POST', '/__admin/apps', { appId: 'app-b', phonePackage: 'added' });
  await g.addUser({ consent: 'allow' });
  await g.addRule({ action: { kind: 'outcome', outcome: '20000' }, probability: 0, scope: { api: 'any' } });
  const s = sessionClient(app, 'bad-input-s');
  await s.patchApp({ signType: 'RSA' });
  await s.addUser({ noMobile: true });
  await s.send('POST', '/__admin/consents', { decision: 'deny' });
  await s.addRule({ action: { kind: 'latency', ms: 1 } });
});
afterAll(async () => {
  await app.close();
});

const STACK = /\n\s+at |at [\w.<>]+ \(|node:internal|\.ts:\d+|\.js:\d+/;

describe('malformed requests', () => {
  it('1,000+ generated malformed requests: each a 4xx with { error: { code, message } }, no 5xx, no stack, state unchanged', async () => {
    const requests = malformedRequests(20260101, 1_000);
    expect(requests.length).toBeGreaterThanOrEqual(1_000);
    const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const before = await snapshot();
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const check = async (r: MalformedRequest) => {
      const res = await app.inject(toInject(r));
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `${r.label} → HTTP ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode < 400 || res.statusCode >= 500) return problems.push(where);
      let body: { error?: { code?: unknown; message?: unknown } };
      try {
        body = JSON.parse(res.body);
      } catch {
        return problems.push(`not JSON: ${where}`);
      }
      const e = body.error;
      if (!e || typeof e.code !== 'string' || !(e.code in MOCK_ERRORS))
        return problems.push(`bad error body: ${where}`);
      if (typeof e.message !== 'string' || e.message.trim() === '') return problems.push(`empty message: ${where}`);
      if (STACK.test(e.message)) return problems.push(`stack trace: ${where}`);
      if (MOCK_ERRORS[e.code as keyof typeof MOCK_ERRORS].status !== res.statusCode)
        problems.push(`status ≠ catalogue: ${where}`);
      if (!String(res.headers['content-type']).startsWith('application/json')) problems.push(`content-type: ${where}`);
    };
    // sequentially for the huge ones, in small parallel batches for the rest
    for (let i = 0; i < requests.length; i += 20) await Promise.all(requests.slice(i, i + 20).map(check));
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // there was a spread of refusals, not one catch-all
    expect(statuses.get(400)).toBeGreaterThan(500);
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(statuses.get(415)).toBeGreaterThan(0);
    // and the gateway still serves a normal getPhoneNumber
    const ok = await sessionClient(app, '').getPhone();
    expect(ok.facts.plaintext).toBe(plaintextFor('success', DEMO_USER.mobile));
    expect(ok.facts.verified).toBe(true);
  });
});

describe('messages say what to fix', () => {
  it.each([
    [
      'POST',
      '/__admin/apps',
      { appId: 'x', phonePackge: 'added' },
      /body: unknown field "phonePackge" \(check the spelling\)/,
    ],
    [
      'PATCH',
      '/__admin/apps/2021000000000001',
      { aesKeyStatus: 'off' },
      /body\.aesKeyStatus: must be one of "set", "not-set", "unusable"/,
    ],
    [
      'POST',
      '/jsapi/authorize',
      { scope: 'phoneNumber', decision: 'yes' },
      /body\.decision: must be one of "allow", "deny"/,
    ],
    ['POST', '/jsapi/authorize', { decision: 'allow' }, /body: missing required field "scope"/],
    ['POST', '/jsapi/getPhoneNumber', { userid: '2088000000000001' }, /unknown field "userid"/],
    ['POST', '/__admin/clock', { advanceMs: '1000' }, /body\.advanceMs: must be integer/],
    ['POST', '/__admin/users', { consent: 'deny' }, /body\.consent: must be one of "allow", "none"/],
    [
      'POST',
      '/__admin/rules',
      { action: { kind: 'outcome', outcome: '50000' } },
      /"outcome" must be one of "success", "empty-mobile", "20000"/,
    ],
    [
      'POST',
      '/__admin/rules',
      { action: { kind: 'reset' }, scope: { usr: 'x' } },
      /scope: unknown field "usr" \(allowed: session, userId, appId, api\)/,
    ],
    ['GET', '/__admin/journal?limt=5', undefined, /querystring: unknown field "limt"/],
  ] as const)('%s %s %j → %s', async (method, url, body, message) => {
    const a = await call(app, method, url, body);
    expect(a.status).toBe(400);
    expect(a.json.error.code).toBe('VALIDATION_FAILED');
    expect(a.json.error.message).toMatch(message);
  });

  it('an invalid session says which characters are allowed', async () => {
    const a = await call(app, 'POST', '/jsapi/getPhoneNumber', {}, { headers: { 'x-alimock-session': 'my session' } });
    expect(a.status).toBe(400);
    expect(a.json.error).toEqual({
      code: 'BAD_SESSION',
      message: expect.stringMatching(
        /header x-alimock-session "my session" is not a valid session: use 1-128 characters of A-Z a-z 0-9 \. _ : -/,
      ),
      hint: MOCK_ERRORS.BAD_SESSION.hint,
    });
  });

  it('invalid JSON, empty body, too large, wrong content type: each names the problem', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      call(app, 'POST', '/jsapi/getPhoneNumber', undefined, { payload, headers: { 'content-type': contentType } });
    expect((await post('{"a":')).json.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/not valid JSON/),
      hint: MOCK_ERRORS.BAD_REQUEST.hint,
    });
    expect((await post('')).json.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/empty/),
      hint: MOCK_ERRORS.BAD_REQUEST.hint,
    });
    const big = await post(JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) }));
    expect(big.status).toBe(413);
    expect(big.json.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/1 MiB/),
      hint: MOCK_ERRORS.PAYLOAD_TOO_LARGE.hint,
    });
    const xml = await post('<a/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(xml.json.error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/application\/json/),
      hint: MOCK_ERRORS.UNSUPPORTED_MEDIA_TYPE.hint,
    });
    expect((await post('{"a":1,}')).json.error.message).toMatch(/not valid JSON: .*position 7/);
    for (const [payload, key] of [
      ['{"__proto__":{"x":1}}', '__proto__'],
      ['{"a":[{"b":{"__proto__":{}}}]}', '__proto__'],
      ['{"constructor":{"prototype":{"x":1}}}', 'constructor.prototype'],
    ]) {
      const proto = await post(payload as string);
      expect(proto.status).toBe(400);
      expect(proto.json.error).toEqual({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(`the key "${key}" is not allowed`),
        hint: MOCK_ERRORS.BAD_REQUEST.hint,
      });
    }
    // a harmless "constructor" key is just an unknown field
    expect((await post('{"constructor":"x"}')).json.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/unknown field "constructor"/),
      hint: MOCK_ERRORS.VALIDATION_FAILED.hint,
    });
    // the rules route has its own, smaller limit, and says so
    const bigRule = await call(app, 'POST', '/__admin/rules', undefined, {
      payload: JSON.stringify({ action: { kind: 'reset' }, note: 'x'.repeat(300 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(bigRule.status).toBe(413);
    expect(bigRule.json.error.message).toMatch(/256 KiB/);
    // a form body is refused, not read as JSON fields
    const form = await call(app, 'POST', '/jsapi/authorize', undefined, {
      payload: 'scope=phoneNumber&decision=deny',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });
});
