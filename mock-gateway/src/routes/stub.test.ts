import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../../harness/src/driver/find-browser.js';
import { findPackageRoot, STUB_ASSETS, stubAssetsDir, stubRoutes } from './stub.js';

const ENVELOPE = '{"response":"abc==","sign":"xyz","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8"}';

interface Call {
  path: string;
  body: unknown;
}

/** The calls the fake gateway and the fake backend received, in order. */
let calls: Call[] = [];
let app: FastifyInstance;
let other: FastifyInstance;
let base: string;
let otherBase: string;
let browser: Browser;
let context: BrowserContext;

const CUSTOM_PAGE = `
Page({
  data: { canIUseAuthButton: true, message: '' },
  buttonHandlers: { onGetAuthorize: 'handleAuth', onError: 'handleError' },
  async onLoad(query) {
    const { authCode } = await my.getAuthCode({ scopes: ['auth_user'] });
    const setting = await my.getSetting();
    this.setData({ message: 'loaded ' + query.foo + ' ' + authCode, phoneSetting: setting.authSetting.phoneNumber });
  },
  handleAuth(e) { this.setData({ authorized: e.detail.type }); },
  handleError(e) { this.setData({ refused: e.detail.error }); },
  onGetPhoneNumber(e) { this.setData({ encryptedData: e.detail.encryptedData, sign: e.detail.sign }); },
});
`;

async function listen(server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function buildTestApp(): FastifyInstance {
  const server = Fastify();
  server.register(stubRoutes, { requestTimeoutMs: 5_000 });
  const record = (path: string, reply: unknown) =>
    server.post(path, async (request) => {
      calls.push({ path, body: request.body });
      return reply;
    });
  record('/jsapi/authorize', { ok: true });
  record('/jsapi/getPhoneNumber', { response: ENVELOPE });
  record('/jsapi/getAuthCode', { authCode: 'code-123' });
  record('/jsapi/getSetting', { authSetting: { phoneNumber: true } });
  server.get('/custom/page.js', async (_request, reply) => reply.type('text/javascript').send(CUSTOM_PAGE));
  server.get('/custom/throws.js', async (_request, reply) =>
    reply.type('text/javascript').send('throw new Error("boom")'),
  );
  return server;
}

/** A backend on another origin that sends no CORS headers at all. */
function buildOtherOrigin(): FastifyInstance {
  const server = Fastify();
  // the backend: on another origin than the gateway, whose own routes the bridge never requests
  server.post('/backend/phone', async (request) => {
    calls.push({ path: '/backend/phone', body: request.body });
    return { mobile: '13800138000', received: request.body };
  });
  server.get('/hello', async (request) => ({ hello: 'world', query: request.query }));
  server.post('/echo', async (request) => ({ body: request.body, contentType: request.headers['content-type'] }));
  server.post('/denied', async (_request, reply) =>
    reply.code(403).send({ error: { code: 'AUTH_REQUIRED', message: 'no consent' } }),
  );
  server.get('/text', async (_request, reply) => reply.type('text/plain').send('plain words'));
  server.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return { late: true };
  });
  return server;
}

beforeAll(async () => {
  app = buildTestApp();
  other = buildOtherOrigin();
  [base, otherBase] = await Promise.all([listen(app), listen(other)]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await other?.close();
});

beforeEach(async () => {
  calls = [];
  context = await browser.newContext({ viewport: { width: 420, height: 860 } });
});

afterEach(async () => {
  await context.close();
});

function stubUrl(params: Record<string, string>): string {
  return `${base}/stub/?${new URLSearchParams(params).toString()}`;
}

async function openStub(params: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(stubUrl(params));
  await page.waitForFunction(
    () =>
      (window as unknown as StubWindow).__alimockReady === true ||
      (window as unknown as StubWindow).__alimockPageError !== undefined,
  );
  return page;
}

type LoggedEvent = { kind: string; name: string; args?: unknown; result?: unknown; error?: unknown; t: number };
const eventsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as StubWindow).__alimockEvents as LoggedEvent[]);

/** What the stub page adds to window (not declared globally: other test files may declare it differently). */
type StubWindow = Window & {
  __alimockReady: boolean;
  __alimockPageError?: string;
  __alimockEvents: unknown[];
  __ALIMOCK__: Record<string, unknown>;
  my: { request(options: Record<string, unknown>): Promise<unknown> };
};

const identity = { session: 's-1', appId: '2021000000000001', userId: '2088000000000001' };

describe('stub page with the FAQ sample', () => {
  it('allow: consent sheet, authorize, getPhoneNumber, then the backend receives exactly { encryptedData }', async () => {
    const page = await openStub({ ...identity, phoneUrl: `${otherBase}/backend/phone` });
    expect(await page.evaluate(() => (window as unknown as StubWindow).__ALIMOCK__)).toEqual({
      ...identity,
      phoneUrl: `${otherBase}/backend/phone`,
    });
    const button = page.locator('#auth-button');
    await expect(button.isVisible()).resolves.toBe(true);
    expect(await button.textContent()).toBe('授权手机号');
    expect(await button.getAttribute('data-open-type')).toBe('getAuthorize');
    expect(await button.getAttribute('data-scope')).toBe('phoneNumber');

    await button.click();
    const sheet = page.locator('#consent-sheet');
    await sheet.waitFor({ state: 'visible' });
    expect(await sheet.textContent()).toContain('申请获取你的手机号');
    expect(calls).toEqual([]);
    await page.locator('#consent-allow').click();

    await page.locator('#mobile').waitFor();
    expect(await page.locator('#status').textContent()).toBe('手机号绑定成功');
    expect(await page.locator('#mobile').textContent()).toBe('13800138000');
    expect(await page.locator('#consent-sheet').count()).toBe(0);

    expect(calls.map((c) => c.path)).toEqual(['/jsapi/authorize', '/jsapi/getPhoneNumber', '/backend/phone']);
    expect(calls[0]?.body).toEqual({ scope: 'phoneNumber', decision: 'allow', ...identity });
    expect(calls[1]?.body).toEqual(identity);
    expect(calls[2]?.body).toEqual({ encryptedData: ENVELOPE });

    const events = await eventsOf(page);
    const names = events.map((e) => `${e.kind}:${e.name}`);
    const expectedOrder = [
      'page:Page',
      'jsapi:canIUse',
      'page:setData',
      'ui:auth-button.tap',
      'ui:consent.show',
      'ui:consent.allow',
      'request:/jsapi/authorize',
      'page:onGetAuthorize',
      'jsapi:getPhoneNumber',
      'request:/jsapi/getPhoneNumber',
      'jsapi:request',
      'request:/stub/request',
      'page:setData',
    ];
    let cursor = 0;
    for (const name of expectedOrder) {
      const found = names.indexOf(name, cursor);
      expect(found, `${name} after position ${cursor} in ${names.join(', ')}`).toBeGreaterThanOrEqual(cursor);
      cursor = found + 1;
    }
    const getPhone = events.find((e) => e.kind === 'jsapi' && e.name === 'getPhoneNumber');
    expect(getPhone?.result).toEqual({ response: ENVELOPE });
    const req = events.find((e) => e.kind === 'jsapi' && e.name === 'request');
    expect(req?.result).toMatchObject({ status: 200, data: { mobile: '13800138000' } });
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
    expect(JSON.parse((await page.locator('#page-data').textContent()) ?? '{}')).toMatchObject({
      canIUseAuthButton: true,
      mobile: '13800138000',
    });
  });

  it('deny: onError fires, nothing reaches getPhoneNumber or the backend, the refusal is shown', async () => {
    const page = await openStub({ ...identity, phoneUrl: `${otherBase}/backend/phone` });
    await page.locator('#auth-button').click();
    await page.locator('#consent-deny').click();
    await page.locator('#my-alert').waitFor();
    expect(await page.locator('#status').textContent()).toBe('你已拒绝授权：用户拒绝授权');
    expect(await page.locator('#my-alert').textContent()).toContain('用户拒绝授权');
    await page.locator('#my-alert-ok').click();
    await page.locator('#my-alert').waitFor({ state: 'detached' });
    expect(calls).toEqual([
      { path: '/jsapi/authorize', body: { scope: 'phoneNumber', decision: 'deny', ...identity } },
    ]);
    const events = await eventsOf(page);
    const onError = events.find((e) => e.kind === 'page' && e.name === 'onAuthError');
    expect(onError?.args).toEqual({
      type: 'error',
      detail: { type: 'getAuthorize', errorMessage: '用户拒绝授权', error: 11 },
    });
    expect(events.some((e) => e.name === 'getPhoneNumber' || e.name === 'onGetAuthorize')).toBe(false);
    expect(events.some((e) => e.kind === 'ui' && e.name === 'alert.dismiss')).toBe(true);
    expect(await page.locator('#mobile').count()).toBe(0);
  });

  it('canIUse=0 hides the button', async () => {
    const page = await openStub({ ...identity, canIUse: '0' });
    expect(await page.locator('#auth-button').count()).toBe(0);
    const events = await eventsOf(page);
    expect(events.find((e) => e.name === 'canIUse')?.result).toBe(false);
    expect(JSON.parse((await page.locator('#page-data').textContent()) ?? '{}')).toEqual({
      canIUseAuthButton: false,
      message: '',
    });
  });
});

describe('change notification for drivers (window.__alimockOnChange)', () => {
  it('runs a check now and after each change to the event log until it returns true; a throwing check is dropped', async () => {
    const page = await openStub(identity);
    const seen = await page.evaluate(async () => {
      const w = window as unknown as {
        __alimockOnChange(check: () => boolean): void;
        __alimockEvents: unknown[];
        my: { canIUse(api: string): boolean };
      };
      const calls = { until2: 0, once: 0, throwing: 0 };
      w.__alimockOnChange(() => {
        calls.until2++;
        return calls.until2 === 3; // now, after the first change, true after the second
      });
      w.__alimockOnChange(() => {
        calls.once++;
        return true;
      });
      w.__alimockOnChange(() => {
        calls.throwing++;
        if (calls.throwing > 1) throw new Error('broken check');
        return false;
      });
      const tick = () => new Promise((r) => setTimeout(r, 0));
      w.my.canIUse('getPhoneNumber'); // one event: the checks run again (batched per microtask)
      await tick();
      const afterOne = { ...calls };
      w.my.canIUse('getAuthCode');
      await tick();
      const afterTwo = { ...calls };
      w.my.canIUse('request');
      await tick();
      return { afterOne, afterTwo, afterThree: { ...calls } };
    });
    expect(seen.afterOne).toEqual({ until2: 2, once: 1, throwing: 2 });
    // the throwing check is gone; until2 ran once more and returned true
    expect(seen.afterTwo).toEqual({ until2: 3, once: 1, throwing: 2 });
    expect(seen.afterThree).toEqual({ until2: 3, once: 1, throwing: 2 });
  });
});

describe('custom page scripts', () => {
  it('runs a page script from another URL with its own handler names, onGetPhoneNumber and the my.* APIs', async () => {
    const page = await openStub({ ...identity, pageScript: '/custom/page.js', foo: 'bar' });
    expect(await page.locator('#status').textContent()).toBe('loaded bar code-123');
    expect(calls.map((c) => c.path)).toEqual(['/jsapi/getAuthCode', '/jsapi/getSetting']);
    expect(calls[0]?.body).toEqual({ scopes: ['auth_user'], ...identity });

    await page.locator('#auth-button').click();
    await page.locator('#consent-allow').click();
    await page.waitForFunction(() => document.querySelector('#page-data')?.textContent?.includes('"sign"'));
    const data = JSON.parse((await page.locator('#page-data').textContent()) ?? '{}');
    expect(data).toMatchObject({ phoneSetting: true, authorized: 'getAuthorize', encryptedData: 'abc==', sign: 'xyz' });

    calls = [];
    await page.locator('#auth-button').click();
    await page.locator('#consent-deny').click();
    await page.waitForFunction(() => document.querySelector('#page-data')?.textContent?.includes('"refused"'));
    expect(JSON.parse((await page.locator('#page-data').textContent()) ?? '{}').refused).toBe(11);
    expect(calls).toEqual([
      { path: '/jsapi/authorize', body: { scope: 'phoneNumber', decision: 'deny', ...identity } },
    ]);
  });

  it('shows an error banner when the page script is missing or throws', async () => {
    const missing = await openStub({ pageScript: '/custom/nope.js' });
    expect(await missing.locator('#page-error').isVisible()).toBe(true);
    expect(await missing.locator('#page-error').textContent()).toContain('页面脚本加载失败');
    expect(await missing.evaluate(() => (window as unknown as StubWindow).__alimockReady)).toBe(false);

    const throwing = await openStub({ pageScript: '/custom/throws.js' });
    expect(await throwing.locator('#page-error').textContent()).toContain('boom');
    const events = await eventsOf(throwing);
    expect(events.filter((e) => e.kind === 'error').length).toBeGreaterThanOrEqual(1);
  });
});

describe('my.request through the native bridge', () => {
  it('reaches another origin that sends no CORS headers; non-2xx fails with error 19; timeouts fail with 13', async () => {
    const page = await openStub({ ...identity });
    // A plain browser fetch to that origin is blocked by CORS: the bridge is what makes it work.
    const direct = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch (err) {
        return String(err);
      }
    }, `${otherBase}/hello`);
    expect(direct).toContain('TypeError');

    const run = (options: Record<string, unknown>) =>
      page.evaluate(
        (opts) =>
          (window as unknown as StubWindow).my.request(opts).then(
            (value) => ({ resolved: value }),
            (error) => ({ rejected: error }),
          ),
        options,
      );

    const get = await run({ url: `${otherBase}/hello`, data: { a: 1, b: 'x y' } });
    expect(get).toMatchObject({ resolved: { status: 200, data: { hello: 'world', query: { a: '1', b: 'x y' } } } });
    expect((get as { resolved: { headers: Record<string, string> } }).resolved.headers['content-type']).toContain(
      'application/json',
    );

    const post = await run({ url: `${otherBase}/echo`, method: 'POST', data: { encryptedData: ENVELOPE } });
    expect(post).toMatchObject({
      resolved: { status: 200, data: { body: { encryptedData: ENVELOPE }, contentType: 'application/json' } },
    });

    const denied = await run({ url: `${otherBase}/denied`, method: 'POST', data: {} });
    expect(denied).toMatchObject({
      rejected: { error: 19, errorMessage: 'HTTP错误', status: 403, data: { error: { code: 'AUTH_REQUIRED' } } },
    });

    const text = await run({ url: `${otherBase}/text` });
    expect(text).toMatchObject({ resolved: { status: 200, data: 'plain words' } });

    const slow = await run({ url: `${otherBase}/slow`, timeout: 200 });
    expect(slow).toEqual({ rejected: { error: 13, errorMessage: '超时' } });

    const closedPort = await run({ url: 'http://127.0.0.1:1/' });
    expect(closedPort).toMatchObject({ rejected: { error: 12, errorMessage: '网络出错' } });

    const badScheme = await run({ url: 'file:///etc/passwd' });
    expect(badScheme).toMatchObject({ rejected: { error: 2, errorMessage: '参数错误' } });
  });

  it('POST /stub/request rejects non-http URLs and malformed bodies with 400', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      app.inject({ method: 'POST', url: '/stub/request', headers: { 'content-type': contentType }, payload });

    const file = await post(JSON.stringify({ url: 'file:///etc/passwd' }));
    expect(file.statusCode).toBe(400);
    expect(file.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/file: is not allowed/),
    });

    for (const body of [
      '{}',
      '{"url": ""}',
      '{"url": 42}',
      '{"url": "ftp://127.0.0.1/x"}',
      '{"url": "not a url"}',
      `{"url": "${otherBase}/hello", "method": "FETCH"}`,
      `{"url": "${otherBase}/hello", "timeout": -1}`,
      `{"url": "${otherBase}/hello", "dataType": "xml"}`,
      '{"url": ',
      '[]',
    ]) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
    }

    const ok = await post(JSON.stringify({ url: `${otherBase}/hello`, method: 'get', dataType: 'text' }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, status: 200 });
    expect(typeof ok.json().data).toBe('string');
  });
});

describe('static assets', () => {
  it('finds the assets dir from src/ and from dist/, and every allow-listed file exists', () => {
    const root = findPackageRoot();
    const fromDist = pathToFileURL(join(root, 'dist', 'mock-gateway', 'src', 'routes', 'stub.js')).href;
    expect(stubAssetsDir()).toBe(join(root, 'mock-gateway', 'assets', 'stub'));
    expect(stubAssetsDir(fromDist)).toBe(stubAssetsDir());
    expect(dirname(fileURLToPath(import.meta.url)).startsWith(root)).toBe(true);
    for (const { file } of Object.values(STUB_ASSETS)) expect(existsSync(join(stubAssetsDir(), file)), file).toBe(true);
    expect(() => findPackageRoot(pathToFileURL('/tmp/nowhere/x.js').href)).toThrow(/no package.json named "alimock"/);
  });

  it('serves the allow-listed files with their content types', async () => {
    const expected: Record<string, string> = {
      '/stub/': 'text/html; charset=utf-8',
      '/stub/index.html': 'text/html; charset=utf-8',
      '/stub/runtime.js': 'text/javascript; charset=utf-8',
      '/stub/style.css': 'text/css; charset=utf-8',
      '/stub/pages/faq-sample.js': 'text/javascript; charset=utf-8',
      '/stub/my.d.ts': 'text/plain; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect((await res.text()).length, path).toBeGreaterThan(100);
    }
    expect((await fetch(`${base}/stub/`).then((r) => r.text())).includes('runtime.js')).toBe(true);
  });

  it('does not serve anything outside the allow-list, whatever the path encoding', async () => {
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/`, { path, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of [
      '/stub/../package.json',
      '/stub/%2e%2e/package.json',
      '/stub/%2E%2E%2Fpackage.json',
      '/stub/..%2fpackage.json',
      '/stub/pages/..%2f..%2f..%2f..%2fpackage.json',
      '/stub/runtime.js/../../package.json',
      '/stub/..%5c..%5cpackage.json',
      '/stub/%252e%252e/package.json',
      '/stub/pages/',
      '/stub/stub.ts',
      '/package.json',
    ]) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('"alimock"');
    }
  });
});
