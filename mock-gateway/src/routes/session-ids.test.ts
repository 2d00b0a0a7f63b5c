import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testGateway } from '../test-support/gateway-client.js';
import { sessionClient } from '../test-support/session-client.js';

/**
 * A session id is a valid id or absent, in every form (header, body field, query). `""`, `null` or a blank header
 * must never be read as "no session": that is the global state, and a write there reaches every session.
 */

let app: FastifyInstance;
let ruleOfB = '';

async function snapshot(): Promise<unknown> {
  const views: Record<string, unknown> = {};
  for (const session of ['', 'sid-a', 'sid-b']) {
    const s = sessionClient(app, session);
    for (const path of ['/__admin/apps', '/__admin/users', '/__admin/consents', '/__admin/rules', '/__admin/clock']) {
      const a = await s.send('GET', path);
      expect(a.status, a.text).toBe(200);
      views[`${session}:${path}`] = a.json;
    }
  }
  views.sessions = (await call(app, 'GET', '/__admin/sessions')).json;
  return views;
}

beforeAll(async () => {
  ({ app } = await testGateway());
  const g = sessionClient(app, '');
  await g.send('POST', '/__admin/apps', { appId: 'global-app' });
  for (const id of ['sid-a', 'sid-b']) {
    const s = sessionClient(app, id);
    await s.patchApp({ phonePackage: 'added' });
    await s.addUser({ consent: 'allow' });
    await s.send('POST', '/__admin/clock', { advanceMs: 60_000 });
    const rule = await s.addRule({ action: { kind: 'outcome', outcome: '20000' }, times: 5 });
    if (id === 'sid-b') ruleOfB = rule.json.id as string;
  }
});
afterAll(async () => {
  await app.close();
});

type Write = { method: InjectOptions['method']; url: string; body?: Record<string, unknown> };

const writes = (): Write[] => [
  { method: 'POST', url: '/__admin/reset' },
  { method: 'POST', url: '/__admin/clock', body: { advanceMs: 1_000 } },
  { method: 'POST', url: '/__admin/apps', body: { appId: 'sneaky-app' } },
  { method: 'PATCH', url: '/__admin/apps/2021000000000001', body: { aesKeyStatus: 'not-set' } },
  { method: 'POST', url: '/__admin/users', body: { count: 2 } },
  { method: 'POST', url: '/__admin/consents', body: { decision: 'deny' } },
  { method: 'POST', url: '/__admin/consents/expire', body: {} },
  { method: 'POST', url: '/__admin/rules', body: { action: { kind: 'outcome', outcome: '40006' } } },
  { method: 'DELETE', url: `/__admin/rules/${ruleOfB}` },
  { method: 'DELETE', url: '/__admin/rules' },
  { method: 'POST', url: '/jsapi/authorize', body: { scope: 'phoneNumber', decision: 'deny' } },
  { method: 'POST', url: '/jsapi/getAuthCode', body: { scopes: ['auth_base'] } },
];

/** The ways of giving a session that is not one: each must be refused, never read as "the global state". */
const FORMS: Array<[string, (w: Write) => InjectOptions]> = [
  ['body "session": ""', (w) => ({ ...json(w, { ...w.body, session: '' }) })],
  ['body "session": null', (w) => ({ ...json(w, { ...w.body, session: null }) })],
  ['empty x-alimock-session header', (w) => json(w, w.body, { 'x-alimock-session': '' })],
  ['blank x-alimock-session header', (w) => json(w, w.body, { 'x-alimock-session': '   ' })],
  ['?session= (empty)', (w) => json({ ...w, url: `${w.url}?session=` }, w.body)],
  ['header and body disagree', (w) => json(w, { ...w.body, session: 'sid-b' }, { 'x-alimock-session': 'sid-a' })],
];

function json(
  w: Write,
  body: Record<string, unknown> | undefined,
  headers: Record<string, string> = {},
): InjectOptions {
  return {
    method: w.method,
    url: w.url,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  };
}

describe('a session id is a non-blank string or absent', () => {
  it('every write with "", null, a blank header, an empty ?session= or two different ids is a 400 and changes nothing', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    for (const w of writes()) {
      for (const [form, build] of FORMS) {
        const res = await app.inject(build(w));
        const code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
        if (res.statusCode !== 400 || (code !== 'BAD_SESSION' && code !== 'VALIDATION_FAILED'))
          problems.push(`${w.method} ${w.url} with ${form} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('the refusal names the form and says how to mean the global state', async () => {
    const a = await call(app, 'POST', '/__admin/reset', undefined, { headers: { 'x-alimock-session': '' } });
    expect(a.status).toBe(400);
    expect(a.json.error.code).toBe('BAD_SESSION');
    expect(a.json.error.message).toMatch(/header x-alimock-session "" is not a valid session \(empty\)/);
    expect(a.json.error.message).toMatch(/leave the session out for the global state/);
    const b = await call(app, 'POST', '/__admin/reset', { session: null });
    expect(b.json.error.message).toMatch(/body field "session" null is not a valid session/);
    const c = await call(app, 'POST', '/__admin/rules', { action: { kind: 'reset' }, scope: { session: '' } });
    expect(c.status).toBe(400);
    expect(c.json.error.message).toMatch(/scope\.session: .*never empty/);
  });

  it('/gateway.do refuses an empty or blank session header too', async () => {
    for (const header of ['', '  ']) {
      const a = await call(app, 'POST', '/gateway.do', 'method=alipay.system.oauth.token', {
        headers: { 'x-alimock-session': header, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(a.status).toBe(400);
      expect(a.json.error.code).toBe('BAD_SESSION');
    }
  });

  it('without any session the same writes act on the global state (a reset resets everything)', async () => {
    const a = await call(app, 'POST', '/__admin/reset');
    expect(a.json).toEqual({ ok: true, reset: 'all' });
    expect((await call(app, 'GET', '/__admin/sessions')).json.sessions).toEqual([]);
  });
});
