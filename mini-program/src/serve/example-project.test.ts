/**
 * Whole projects through the gateway in real Chromium: the example project (login on launch and the phone request
 * reaching a local backend through the API host mapping, the consent sheet, navigation to the result page), a
 * project with a syntax error, and the FAQ sample page with the harness's hooks and a one-file page script.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';
import { faqSampleRoot } from '../project/faq-sample.js';
import {
  closeBrowserContexts,
  type LoggedEvent,
  launchBrowser,
  newPage,
  type Recorded,
  serveProject,
  startBackend,
  waitForEvents,
} from '../test/browser-fixture.js';
import { tempProject } from '../test/temp-project.js';

const EXAMPLE = join(findPackageRoot(), 'examples', 'mini-program');
const MOBILE = '13800138000';

let browser: Browser;
let backend: Awaited<ReturnType<typeof startBackend>>;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  [browser, backend] = await Promise.all([
    launchBrowser(),
    startBackend((r: Recorded) =>
      r.url.startsWith('/api/alipay/login')
        ? { body: { userId: '2088000000000001' } }
        : r.body.includes('encryptedData')
          ? { body: { mobile: MOBILE } }
          : { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'no encryptedData' } } },
    ),
  ]);
});

afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
  await closeBrowserContexts();
  await backend?.close();
});

async function open(root: string, options: Parameters<typeof serveProject>[1] = {}, query = ''): Promise<Page> {
  const served = await serveProject(root, options);
  cleanups.push(() => served.gateway.close());
  const page = await newPage(browser);
  cleanups.push(() => page.context().close());
  await page.goto(`${served.pageUrl}${query}`);
  return page;
}

const ready = (page: Page) => waitForEvents(page, "(e) => e.some((x) => x.name === 'ready' || x.kind === 'error')");

describe('the example project', () => {
  it('renders (image by absolute path, rpx in an inline style), logs in on launch through the host mapping, binds the phone after consent, and navigates to the result page', async () => {
    const before = backend.calls.length;
    const page = await open(EXAMPLE, { targetUrl: backend.url });
    await ready(page);
    expect(await page.textContent('.title')).toBe('绑定手机号');
    expect(await page.$eval('.title', (e) => getComputedStyle(e).marginTop)).toBe('100px');
    await page.waitForFunction(
      () => (document.querySelector('.logo img') as HTMLImageElement | null)?.naturalWidth === 64,
    );

    // login on launch: my.getAuthCode → my.request to the production host, sent to the backend under test
    const login = await waitForEvents(page, "(e) => e.some((x) => x.name === '/stub/request' && 'result' in x)");
    const exchange = login.find((e) => e.name === '/stub/request') as LoggedEvent;
    expect((exchange.args as { url: string }).url).toBe('https://api.example-shop.com/api/alipay/login');
    expect(exchange.mappedUrl).toBe(`${backend.url}/api/alipay/login`);

    await page.click('button[open-type="getAuthorize"][scope="phoneNumber"]');
    expect(await page.isVisible('#consent-sheet')).toBe(true);
    expect(await page.textContent('#consent-allow')).toBe('允许');
    await page.click('#consent-allow');
    await page.waitForFunction(
      () => document.querySelector('page[data-route="pages/result/result"] .mobile')?.textContent === '13800138000',
    );
    expect(await page.textContent('#nav-title')).toBe('绑定成功');

    const calls = backend.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/alipay/login', 'POST /api/alipay/phone']);
    const phone = calls[1] as Recorded;
    expect(phone.headers['content-type']).toBe('application/json');
    const envelope = JSON.parse(JSON.parse(phone.body).encryptedData);
    expect(envelope).toMatchObject({ response: expect.any(String), sign: expect.any(String), sign_type: 'RSA2' });

    // back to the bind page
    await page.click('page[data-route="pages/result/result"] button');
    await page.waitForFunction(() => !document.querySelector('page[data-route="pages/result/result"]'));
  });

  it('my.httpRequest (legacy, still on clients): as my.request, with a form-encoded body by default', async () => {
    const page = await open(EXAMPLE, { targetUrl: backend.url });
    await ready(page);
    const before = backend.calls.length;
    const answers = await page.evaluate(async () => {
      type Api = (o: unknown) => Promise<{ status: number; data: unknown }>;
      const my = (window as unknown as { my: Record<string, Api> }).my;
      const form = await my.httpRequest?.({
        url: 'https://api.example-shop.com/api/alipay/phone',
        method: 'POST',
        data: { encryptedData: 'x=1&y' },
      });
      const json = await my.httpRequest?.({
        url: 'https://api.example-shop.com/api/alipay/phone',
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        data: { encryptedData: 'z' },
      });
      return [form?.status, json?.status];
    });
    expect(answers).toEqual([200, 200]);
    const [form, json] = backend.calls.slice(before).filter((c) => c.url === '/api/alipay/phone');
    expect(form?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form?.body).toBe('encryptedData=x%3D1%26y');
    expect(json?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(json?.body ?? '{}')).toEqual({ encryptedData: 'z' });
  });

  it("a refusal calls the page's onError handler with Alipay's error", async () => {
    const page = await open(EXAMPLE, { targetUrl: backend.url });
    await ready(page);
    await page.click('button[open-type="getAuthorize"]');
    await page.click('#consent-deny');
    await page.waitForFunction(() => document.querySelector('.tip')?.textContent === '你已拒绝授权：用户拒绝授权');
    const events = await waitForEvents(page, "(e) => e.some((x) => x.name === 'onAuthError')");
    expect(events.find((e) => e.name === 'onAuthError')?.args).toMatchObject({
      type: 'error',
      detail: { type: 'getAuthorize', errorMessage: '用户拒绝授权', error: 11 },
    });
  });
  it("no-tap scenarios: window.__alimockCallAuthorizeHandler() calls the page's own handler without the consent sheet; not with a selector matching no button", async () => {
    const page = await open(EXAMPLE, { targetUrl: backend.url });
    await ready(page);
    // the config's miniProgram.button is passed in: a selector matching nothing (or not a selector) calls nothing
    expect(
      await page.evaluate(() =>
        ['.no-such-button', 'button['].map((s) =>
          (window as unknown as { __alimockCallAuthorizeHandler(s: string): boolean }).__alimockCallAuthorizeHandler(s),
        ),
      ),
    ).toEqual([false, false]);
    expect(
      await page.evaluate(() =>
        (window as unknown as { __alimockCallAuthorizeHandler(): boolean }).__alimockCallAuthorizeHandler(),
      ),
    ).toBe(true);
    const events = await waitForEvents(
      page,
      "(e) => e.some((x) => x.kind === 'jsapi' && x.name === 'getPhoneNumber' && ('result' in x || 'error' in x))",
    );
    expect(events.some((e) => e.name === 'consent.show')).toBe(false);
    expect(events.some((e) => e.kind === 'page' && e.name === 'onGetAuthorize')).toBe(true);
  });
});

describe('page errors', () => {
  it('a syntax error shows in the page with file:line:column; the page reports it cannot run', async () => {
    const p = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'pages/a/a.axml': '<view>a</view>',
      'pages/a/a.js': 'Page({\n  onLoad() {\n    let x = ;\n  },\n});',
    });
    cleanups.push(() => p.remove());
    const page = await open(p.root);
    const events = await ready(page);
    expect(events.find((e) => e.kind === 'error' && e.name === 'syntax')?.error).toMatchObject({
      file: 'pages/a/a.js',
      line: 3,
      column: 13,
    });
    expect(await page.textContent('#page-error')).toContain('pages/a/a.js:3:13');
    expect(
      await page.evaluate(() => (window as unknown as { __alimockPageError?: string }).__alimockPageError),
    ).toContain('pages/a/a.js:3:13');
  });

  it('an error thrown in onLoad is mapped to the project file and the page is not ready', async () => {
    const p = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'pages/a/a.axml': '<view>a</view>',
      'pages/a/a.js':
        "const helper = require('../../lib/helper');\nPage({\n  onLoad() {\n    helper.explode();\n  },\n});",
      'lib/helper.js': "exports.explode = function () {\n  throw new TypeError('bad state');\n};",
    });
    cleanups.push(() => p.remove());
    const page = await open(p.root);
    const events = await waitForEvents(page, "(e) => e.some((x) => x.kind === 'error' && x.name === 'page-load')");
    expect(events.find((e) => e.kind === 'error' && e.name === 'error')?.error).toMatchObject({
      message: 'bad state',
      file: 'lib/helper.js',
      line: 2,
      column: 9,
    });
    expect(await page.evaluate(() => (window as unknown as { __alimockReady: boolean }).__alimockReady)).toBe(false);
  });
});

describe('the FAQ sample project', () => {
  it('uses the harness hook for the phone request when present (data given as a string is sent as it is)', async () => {
    const before = backend.calls.length;
    const page = await newPage(browser);
    cleanups.push(() => page.context().close());
    const served = await serveProject(faqSampleRoot());
    cleanups.push(() => served.gateway.close());
    await page.addInitScript((url) => {
      (window as unknown as Record<string, unknown>).__alimockPhoneRequest = async (encryptedData: string) => ({
        url: `${url}/api/alipay/phone`,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: `encryptedData=${encodeURIComponent(encryptedData)}`,
      });
    }, backend.url);
    await page.goto(served.pageUrl);
    await ready(page);
    await page.click('#auth-button');
    await page.click('#consent-allow');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '手机号绑定成功');
    expect(await page.textContent('#mobile')).toBe(MOBILE);
    const call = backend.calls.slice(before)[0] as Recorded;
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.body.startsWith('encryptedData=%7B%22response%22')).toBe(true);
  });

  it('without hooks: POST { encryptedData } as JSON to phoneUrl, and getApp().login() posts { authCode } to loginUrl', async () => {
    const before = backend.calls.length;
    const q = `?phoneUrl=${encodeURIComponent(`${backend.url}/api/alipay/phone`)}&loginUrl=${encodeURIComponent(`${backend.url}/api/alipay/login`)}`;
    const page = await open(faqSampleRoot(), {}, q);
    await ready(page);
    await page.evaluate(() => (window as unknown as { getApp(): { login(): Promise<unknown> } }).getApp().login());
    await page.click('#auth-button');
    await page.click('#consent-allow');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '手机号绑定成功');
    const calls = backend.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers['content-type']}`)).toEqual([
      'POST /api/alipay/login application/json',
      'POST /api/alipay/phone application/json',
    ]);
    expect(Object.keys(JSON.parse((calls[0] as Recorded).body))).toEqual(['authCode']);
    expect(Object.keys(JSON.parse((calls[1] as Recorded).body))).toEqual(['encryptedData']);
  });

  it('a hook that cannot build the request: reported as a host error and shown', async () => {
    const page = await newPage(browser);
    cleanups.push(() => page.context().close());
    const served = await serveProject(faqSampleRoot());
    cleanups.push(() => served.gateway.close());
    await page.addInitScript(() => {
      (window as unknown as Record<string, unknown>).__alimockPhoneRequest = async () => ({
        error: 'no phone path in the contract',
      });
    });
    await page.goto(served.pageUrl);
    await ready(page);
    await page.click('#auth-button');
    await page.click('#consent-allow');
    await page.waitForFunction(
      () => document.querySelector('#status')?.textContent === '绑定失败：no phone path in the contract',
    );
    const events = await waitForEvents(page, "(e) => e.some((x) => x.kind === 'error' && x.name === 'host')");
    expect(events.find((e) => e.name === 'host')?.error).toEqual({ message: 'no phone path in the contract' });
  });

  it('my.request goes through window.__alimockNativeRequest when the harness provides it', async () => {
    const page = await newPage(browser);
    cleanups.push(() => page.context().close());
    const served = await serveProject(faqSampleRoot());
    cleanups.push(() => served.gateway.close());
    const seen: unknown[] = [];
    await page.context().exposeBinding('__alimockNativeRequest', (_s, body: unknown) => {
      seen.push(body);
      return {
        ok: true,
        status: 200,
        headers: {},
        data: { mobile: '13900000000' },
        mappedUrl: 'http://target.test/api/alipay/phone',
      };
    });
    await page.goto(`${served.pageUrl}?phoneUrl=${encodeURIComponent('https://api.example.com/api/alipay/phone')}`);
    await ready(page);
    await page.click('#auth-button');
    await page.click('#consent-allow');
    await page.waitForFunction(() => document.querySelector('#mobile')?.textContent === '13900000000');
    expect(seen).toMatchObject([
      {
        url: 'https://api.example.com/api/alipay/phone',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
    ]);
    expect(Object.keys(JSON.parse((seen[0] as { data: string }).data))).toEqual(['encryptedData']);
    const events = await waitForEvents(page, "(e) => e.some((x) => x.name === '/stub/request')");
    expect(events.find((e) => e.name === '/stub/request')?.mappedUrl).toBe('http://target.test/api/alipay/phone');
  });

  it("a one-file page script runs as the sample project's page (buttonHandlers, onGetPhoneNumber, window.__ALIMOCK__)", async () => {
    const source = `Page({
  data: { canIUseAuthButton: true, message: '' },
  buttonHandlers: { onGetAuthorize: 'handleAuth', onError: 'handleError' },
  onLoad() { this.setData({ message: 'session ' + window.__ALIMOCK__.session }); },
  handleAuth(e) { this.setData({ authorized: e.detail.type }); },
  handleError(e) { this.setData({ message: 'refused ' + e.detail.error }); },
  onGetPhoneNumber(e) { this.setData({ message: 'got ' + typeof e.detail.encryptedData }); },
});`;
    const p = tempProject({ 'team-page.js': source });
    cleanups.push(() => p.remove());
    const page = await open(
      faqSampleRoot(),
      { pageScript: { path: join(p.root, 'team-page.js'), source } },
      '?session=s-1',
    );
    await ready(page);
    expect(await page.textContent('#status')).toBe('session s-1');
    await page.click('#auth-button');
    await page.click('#consent-allow');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'got string');
    const events = await waitForEvents(page, "(e) => e.some((x) => x.name === 'handleAuth')");
    expect(events.some((e) => e.kind === 'page' && e.name === 'handleAuth')).toBe(true);
  });
});
