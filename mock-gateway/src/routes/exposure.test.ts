import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { manualClock } from '../model/clock.js';
import { startGateway, tokenFor } from '../server.js';
import { call, testGateway } from '../test-support/gateway-client.js';
import { MOCK_ERRORS } from './errors.js';
import { generateToken, tokenProblem } from './exposure.js';

/** Safe when exposed: no state change from another site's page; a token when others can reach the gateway. */

describe('cross-site requests change nothing', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await testGateway());
  });
  afterAll(async () => {
    await app.close();
  });
  const HOST = 'gw.test:8787';
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, body?: string) =>
    app.inject({ method, url, headers: { host: HOST, ...headers }, ...(body !== undefined ? { payload: body } : {}) });

  it('a no-cors POST to /__admin/reset from another origin (or an opaque one) is 403 and resets nothing', async () => {
    await call(app, 'POST', '/__admin/users', {}, { headers: { 'x-alimock-session': 'victim' } });
    const foreign: Array<Record<string, string>> = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: 'http://gw.test:9999' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
    ];
    for (const headers of foreign) {
      const res = await send('POST', '/__admin/reset', headers, headers['content-type'] ? 'x' : undefined);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error).toEqual({
        code: 'CROSS_SITE_REFUSED',
        message: expect.stringMatching(/^POST \/__admin\/reset refused: a (request from|request the browser marks)/),
        hint: MOCK_ERRORS.CROSS_SITE_REFUSED.hint,
      });
    }
    expect(gatewayModel(app).store.sessions()).toContain('victim');
  });

  it('every write family: admin, JSAPI, the bridge (a form post included); /gateway.do is not a browser API', async () => {
    const evil = { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' };
    for (const [method, url] of [
      ['POST', '/__admin/users'],
      ['PATCH', '/__admin/apps/2021000000000001'],
      ['DELETE', '/__admin/rules'],
      ['POST', '/jsapi/authorize'],
      ['POST', '/jsapi/getPhoneNumber'],
      ['POST', '/stub/request'],
    ] as const) {
      const res = await send(method, url, evil, 'url=http%3A%2F%2F127.0.0.1%3A1%2F&scope=phoneNumber&decision=deny');
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const gateway = await send('POST', '/gateway.do', evil, 'method=alipay.system.oauth.token');
    expect(gateway.statusCode).toBe(200);
  });

  it('the gateway`s own pages and non-browser clients are served; a browser admin write must be JSON', async () => {
    const same = { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' };
    const jsapi = await send('POST', '/jsapi/getPhoneNumber', { ...same, 'content-type': 'application/json' }, '{}');
    expect(jsapi.statusCode).toBe(200);
    const bare = await send('POST', '/__admin/reset', same);
    expect(bare.statusCode).toBe(415);
    expect(bare.json().error.message).toMatch(
      /from a browser must be JSON: send "content-type: application\/json" and a JSON body/,
    );
    const typed = await send('POST', '/__admin/reset?session=x', { ...same, 'content-type': 'application/json' }, '{}');
    expect(typed.statusCode).toBe(200);
    // curl, tests, SDKs: no Origin, no Sec-Fetch-*; a write without a body keeps working as before
    expect((await send('POST', '/__admin/reset?session=x', {})).statusCode).toBe(200);
    expect((await send('DELETE', '/__admin/rules', {})).statusCode).toBe(200);
    // reads are never refused (a foreign page cannot read the answer anyway)
    expect(
      (await app.inject({ method: 'GET', url: '/__admin/journal', headers: { origin: 'http://evil.example' } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('a token', () => {
  const TOKEN = 'test-token-123456';
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await testGateway({ token: TOKEN }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('is required on admin, JSAPI, bridge and stub routes, as a bearer, a header or the cookie', async () => {
    for (const [method, url] of [
      ['GET', '/__admin/journal'],
      ['POST', '/__admin/reset'],
      ['POST', '/jsapi/getPhoneNumber'],
      ['POST', '/stub/request'],
      ['GET', '/stub/'],
      ['GET', '/stub/runtime.js'],
      ['GET', '/__admin/openapi.json'],
      ['GET', '/nowhere'],
    ] as const) {
      const none = await app.inject({ method, url });
      expect(none.statusCode, `${method} ${url}`).toBe(401);
      expect(none.json().error.code).toBe('UNAUTHORIZED');
      const wrong = await app.inject({ method, url, headers: { authorization: 'Bearer wrong-token-000' } });
      expect(wrong.statusCode).toBe(401);
    }
    const ok = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/jsapi/getPhoneNumber',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{}',
      });
    expect((await ok({ authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect((await ok({ 'x-alimock-token': TOKEN })).statusCode).toBe(200);
    expect((await ok({ cookie: `other=1; alimock_token=${TOKEN}` })).statusCode).toBe(200);
  });

  it('is not asked on /gateway.do (SDKs cannot send it) nor /__admin/health', async () => {
    expect((await app.inject({ method: 'GET', url: '/__admin/health' })).statusCode).toBe(200);
    const gw = await app.inject({
      method: 'POST',
      url: '/gateway.do',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'method=x',
    });
    expect(gw.statusCode).toBe(200);
  });

  it('?token= on a page load sets the cookie and loads the page again without it; a wrong one is 401', async () => {
    const first = await app.inject({ method: 'GET', url: `/stub/?session=s1&token=${TOKEN}&phoneUrl=x` });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/stub/?session=s1&phoneUrl=x');
    expect(String(first.headers['set-cookie'])).toBe(`alimock_token=${TOKEN}; Path=/; HttpOnly; SameSite=Lax`);
    const wrong = await app.inject({ method: 'GET', url: '/stub/?token=not-the-token' });
    expect(wrong.statusCode).toBe(401);
  });

  // clicking through the stub page with a token, in Chromium: harness/src/integrations/sample-page.test.ts
});

describe('binding beyond loopback', () => {
  it('tokenFor: loopback needs none; any other address gets the given token or a fresh one', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1'])
      expect(tokenFor(host, undefined)).toEqual({ token: undefined, generated: false });
    expect(tokenFor('0.0.0.0', 'given-token-1')).toEqual({ token: 'given-token-1', generated: false });
    const fresh = tokenFor('0.0.0.0', undefined);
    expect(fresh.generated).toBe(true);
    expect(tokenProblem(fresh.token as string)).toBeUndefined();
    expect(tokenFor('192.168.1.5', undefined).token).not.toBe(fresh.token);
    expect(tokenProblem('short')).toMatch(/8-256 characters/);
    expect(tokenProblem('has space inside')).toBeDefined();
    expect(tokenProblem(generateToken())).toBeUndefined();
  });

  it('startGateway on 0.0.0.0 without a token generates one and requires it', async () => {
    const gw = await startGateway({ clock: manualClock(), host: '0.0.0.0' });
    try {
      expect(gw.token).toBeDefined();
      const port = new URL(gw.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/__admin/sessions`)).status).toBe(401);
      const ok = await fetch(`http://127.0.0.1:${port}/__admin/sessions`, {
        headers: { authorization: `Bearer ${gw.token}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
