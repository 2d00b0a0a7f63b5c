/**
 * A team's own API, mapped by its contract, reached the same way from every driver: a login on launch
 * (POST /auth/session → { data: { uid, token } }), then PUT /v2/member/phone with a form body, an app-key header
 * and the login's bearer token, answered with HTTP 200 { code, msg } for errors. The http driver, the browser
 * driver, the Playwright page (MiniProgram) and the backend client all pass, and the phone request bytes the
 * backend receives for the same payload are identical.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { startGateway } from '../../../mock-gateway/src/server.js';
import { buildReferenceBackend } from '../../../reference-backend/src/app.js';
import { listenBackend } from '../../../reference-backend/src/server.js';
import { allScenarios } from '../../../scenarios/index.js';
import type { UserConfig } from '../config/define-config.js';
import { createBackendClient } from '../integrations/backend-client.js';
import { createGatewayHandle } from '../integrations/gateway-handle.js';
import { MiniProgram } from '../integrations/mini-program.js';
import { mountSamplePage } from '../integrations/sample-page.js';
import type { Contract } from '../target/contract.js';
import { closeTestContexts, sharedTestBrowser } from '../test-support/chromium.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const keys = resolveKeys(undefined);
const dirs = tempDirs('team-contract');

/** What the backend received on its phone route: the parts a contract controls, byte for byte. */
interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  appKey: string | undefined;
  authorization: string | undefined;
  body: string;
}

/** The team's backend, in front of the reference implementation; it records every phone request it gets. */
function teamBackend(gatewayUrl: string, received: Received[]): FastifyInstance {
  const reference = buildReferenceBackend({
    alipayPublicKey: keys.alipayPublicKey,
    aesKey: keys.aesKey,
    login: { appId: keys.appId, appPrivateKey: keys.appPrivateKey, gatewayUrl: `${gatewayUrl}/gateway.do` },
  });
  const app = Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.get('/ping', async () => 'pong');
  app.post('/auth/session', async (request, reply) => {
    const code = (request.body as { code?: unknown } | null)?.code;
    const res = await reference.inject({ method: 'POST', url: '/api/alipay/login', payload: { authCode: code } });
    const user = res.json() as { userId?: string };
    if (!user.userId) return reply.code(200).send({ code: 'LOGIN_FAILED', msg: res.body });
    return { code: 0, data: { uid: user.userId, token: `tok-${user.userId}` } };
  });
  app.put('/v2/member/phone', async (request, reply) => {
    const body = String(request.body ?? '');
    received.push({
      method: request.method,
      url: request.url,
      contentType: request.headers['content-type'],
      appKey: request.headers['x-app-key'] as string | undefined,
      authorization: request.headers.authorization,
      body,
    });
    if (request.headers['x-app-key'] !== 'team-key') return reply.code(401).send({ code: 'NO_APP_KEY' });
    if (!/^Bearer tok-2088\d+$/.test(request.headers.authorization ?? ''))
      return reply.code(401).send({ code: 'LOGIN_REQUIRED', msg: 'log in first' });
    const payload = new URLSearchParams(body).get('payload');
    const res = await reference.inject({
      method: 'POST',
      url: '/api/alipay/phone',
      payload: { encryptedData: payload },
    });
    const answer = res.json() as { mobile?: string; error?: { code: string; message: string } };
    // this team answers every error with HTTP 200 and a code
    return answer.mobile !== undefined
      ? { code: 0, data: { phone: answer.mobile } }
      : { code: answer.error?.code, msg: answer.error?.message };
  });
  app.addHook('onClose', async () => {
    await reference.close();
  });
  return app;
}

type Body = { code?: unknown; msg?: unknown; data?: { uid?: string; token?: string; phone?: string } } | undefined;

const contract: Partial<Contract> = {
  healthPath: '/ping',
  loginPath: '/auth/session',
  buildLoginRequest: (code) => ({ body: JSON.stringify({ code }), contentType: 'application/json' }),
  readLogin: (body) => {
    const data = (body as Body)?.data;
    return data?.uid ? { userId: data.uid, ...(data.token ? { token: data.token } : {}) } : undefined;
  },
  buildPhoneRequest: (encryptedData, { login }) => ({
    method: 'PUT',
    path: '/v2/member/phone',
    body: new URLSearchParams({ payload: encryptedData }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'x-app-key': 'team-key', authorization: `Bearer ${login?.token ?? ''}` },
  }),
  readMobile: (body) => (body as Body)?.data?.phone,
  readErrorCode: (body) => {
    const code = (body as Body)?.code;
    return code === 0 || code === undefined ? undefined : String(code);
  },
};

const byDriver: Record<string, Received[]> = {};

async function suite(driver: 'http' | 'browser') {
  const received: Received[] = [];
  byDriver[driver] = received;
  const user: UserConfig = {
    driver,
    workers: 2,
    groups: ['faq', 'login'],
    reporters: [],
    reportDir: dirs.make(),
    target: { start: async ({ gatewayUrl }) => listenBackend(teamBackend(gatewayUrl, received)) },
    contract,
  };
  const result = await runSuite(resolvedConfig(user), {
    scenarios: allScenarios,
    reporters: [],
    ...(driver === 'browser' ? { browser: await sharedTestBrowser() } : {}),
  });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

afterAll(() => dirs.cleanup());

describe('a team contract (PUT, form body, headers, mapped login, errors in 200 bodies)', () => {
  it.each(['http', 'browser'] as const)('%s driver: every FAQ and login scenario passes', async (driver) => {
    const report = await suite(driver);
    const failed = report.scenarios.filter((s) => s.status !== 'passed');
    expect(failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    expect(report.summary.passed).toBe(17);
    // every scenario logged in on launch, and its phone request carried the token
    const busy = report.scenarios.find((s) => s.id === 'faq3-20000-busy');
    expect(busy?.verdict).toEqual({ kind: 'rejected', code: 'ALIPAY_BUSY', message: expect.any(String) });
    expect(busy?.evidence.backend.map((x) => x.role)).toEqual(['login', 'phone']);
    expect(busy?.evidence.backend[1]?.response?.status).toBe(200);
  });

  it('the phone request of each payload reaches the backend byte for byte the same from both drivers', () => {
    const http = byDriver.http ?? [];
    const browser = byDriver.browser ?? [];
    expect(http.length).toBeGreaterThan(10);
    for (const r of [...http, ...browser]) {
      expect(r.method).toBe('PUT');
      expect(r.url).toBe('/v2/member/phone');
      expect(r.contentType).toBe('application/x-www-form-urlencoded');
      expect(r.appKey).toBe('team-key');
      expect(r.authorization).toMatch(/^Bearer tok-2088\d+$/);
    }
    // envelopes are deterministic: the same payload (e.g. the demo member's success) is sent in both runs, and
    // everything the contract controls arrives identical
    const byBody = (list: Received[]) => new Map(list.map((r) => [r.body, r]));
    const fromBrowser = byBody(browser);
    const same = http.filter((r) => fromBrowser.has(r.body));
    expect(same.length).toBeGreaterThanOrEqual(5);
    // (the token names the member the scenario logged in as: a fresh member differs between runs)
    const bytes = ({ authorization: _a, ...rest }: Received) => rest;
    for (const r of same) expect(bytes(fromBrowser.get(r.body) as Received)).toEqual(bytes(r));
  });
});

describe('the same contract from a team test: the Playwright page and the backend client', () => {
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let backend: Awaited<ReturnType<typeof listenBackend>>;
  const received: Received[] = [];
  beforeAll(async () => {
    browser = await sharedTestBrowser();
    gateway = await startGateway({ keys, port: 0 });
    const sample = await mountSamplePage(gateway.app);
    if (!sample.ok) throw new Error(sample.reason);
    backend = await listenBackend(teamBackend(gateway.url, received));
  });
  afterAll(async () => {
    await closeTestContexts();
    await backend?.close();
    await gateway?.close();
  });

  it('MiniProgram with targetUrl and contract: logs in, taps, and the backend binds the number', async () => {
    const page = await browser.newPage();
    const gw = createGatewayHandle({ app: gateway.app }, 'team-pw');
    const mp = new MiniProgram(page, gateway.url, gw.session, { targetUrl: backend.url, contract });
    await mp.open();
    const login = await mp.login();
    expect(login).toMatchObject({
      ok: true,
      value: { userId: expect.stringMatching(/^2088/), token: expect.any(String) },
    });
    await mp.tapAuthorize('allow');
    expect(await mp.status()).toBe('手机号绑定成功');
    const last = received.at(-1);
    expect(last).toMatchObject({
      method: 'PUT',
      appKey: 'team-key',
      authorization: `Bearer ${login.ok ? login.value.token : ''}`,
    });
    await page.close();
  });

  it('createBackendClient: the same requests from a unit test, judged the same way', async () => {
    const gw = createGatewayHandle({ app: gateway.app }, 'team-client');
    const client = createBackendClient({ url: backend.url, contract });
    const denied = await client.phone(await gw.getPhoneNumber());
    expect(denied.verdict).toEqual({ kind: 'rejected', code: 'LOGIN_REQUIRED', message: 'log in first' });
    const login = await client.login(await gw.getAuthCode());
    expect(login.ok).toBe(true);
    const { verdict, exchange } = await client.phone(await gw.getPhoneNumber());
    expect(verdict).toEqual({ kind: 'accepted', mobile: '13800138000' });
    expect(exchange.request.method).toBe('PUT');
    await gw.failNext('20000');
    expect((await client.phone(await gw.getPhoneNumber())).verdict).toMatchObject({
      kind: 'rejected',
      code: 'ALIPAY_BUSY',
    });
    await gw.reset();
  });
});
