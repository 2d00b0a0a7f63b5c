/**
 * The FAQ sample page at `/stub/` (mounted by `alimock serve` and the fixtures), clicked through in Chromium as a
 * person would: the button, the consent sheet, the request to the backend through the bridge; a refusal; and a
 * gateway that needs a token, opened once with `?token=`.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../../../mock-gateway/src/app.js';
import { manualClock } from '../../../mock-gateway/src/model/clock.js';
import { type RunningGateway, startGateway } from '../../../mock-gateway/src/server.js';
import { closeTestContexts, sharedTestBrowser } from '../test-support/chromium.js';
import { mountSamplePage } from './sample-page.js';

const TOKEN = 'sample-page-token-1';
let browser: Browser;
let backend: FastifyInstance;
let backendUrl: string;
const received: unknown[] = [];

beforeAll(async () => {
  browser = await sharedTestBrowser();
  backend = Fastify();
  backend.post('/api/alipay/phone', async (request) => {
    received.push(request.body);
    return { mobile: '13800138000' };
  });
  await backend.listen({ port: 0, host: '127.0.0.1' });
  backendUrl = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await closeTestContexts();
  await backend?.close();
});

async function gateway(token?: string): Promise<RunningGateway> {
  const gw = await startGateway({ clock: manualClock(), ...(token ? { token } : {}) });
  const mounted = await mountSamplePage(gw.app);
  if (!mounted.ok) throw new Error(mounted.reason);
  return gw;
}

const events = (page: import('playwright-core').Page) =>
  page.evaluate(
    () => (window as unknown as { __alimockEvents: Array<{ kind: string; name: string }> }).__alimockEvents,
  );

describe('the FAQ sample page at /stub/', () => {
  it('allow: the consent sheet, then the backend receives exactly { encryptedData } through the bridge', async () => {
    const gw = await gateway();
    const page = await browser.newPage();
    try {
      const phoneUrl = `${backendUrl}/api/alipay/phone`;
      await page.goto(`${gw.url}/stub/?session=sample-1&phoneUrl=${encodeURIComponent(phoneUrl)}`);
      expect(new URL(page.url()).pathname).toBe('/mp/faq-sample/');
      await page.waitForFunction(() => (window as unknown as { __alimockReady: boolean }).__alimockReady === true);
      await page.locator('#auth-button').click();
      await page.locator('#consent-allow').click();
      await page.locator('#status').getByText('手机号绑定成功').waitFor();
      const envelope = (received.at(-1) as { encryptedData?: string }).encryptedData ?? '';
      expect(JSON.parse(envelope)).toMatchObject({ sign_type: 'RSA2', encrypt_type: 'AES' });
      expect(gatewayModel(gw.app).store.journal.count({ session: 'sample-1', api: 'getPhoneNumber' })).toBe(1);
    } finally {
      await page.close();
      await gw.close();
    }
  });

  it('deny: onError shows the refusal, nothing reaches getPhoneNumber', async () => {
    const gw = await gateway();
    const page = await browser.newPage();
    try {
      await page.goto(`${gw.url}/stub/?session=sample-2`);
      await page.waitForFunction(() => (window as unknown as { __alimockReady: boolean }).__alimockReady === true);
      await page.locator('#auth-button').click();
      await page.locator('#consent-deny').click();
      await page
        .locator('#status')
        .getByText(/^你已拒绝授权/)
        .waitFor();
      expect((await events(page)).some((e) => e.kind === 'jsapi' && e.name === 'getPhoneNumber')).toBe(false);
      expect(gatewayModel(gw.app).store.journal.count({ session: 'sample-2', api: 'getPhoneNumber' })).toBe(0);
    } finally {
      await page.close();
      await gw.close();
    }
  });

  it('with a token: opened once with ?token=, the page works from its cookie', async () => {
    const gw = await gateway(TOKEN);
    const page = await browser.newPage();
    try {
      await page.goto(`${gw.url}/stub/?token=${TOKEN}&session=click-1`);
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
      await page.waitForFunction(() => (window as unknown as { __alimockReady: boolean }).__alimockReady === true);
      await page.locator('#auth-button').click();
      await page.locator('#consent-allow').click();
      // no backend: the page's my.request fails, but the JSAPI calls went through with the cookie
      await page.waitForFunction(() =>
        (window as unknown as { __alimockEvents: Array<{ name: string; result?: unknown }> }).__alimockEvents.some(
          (e) => e.name === 'getPhoneNumber' && e.result !== undefined,
        ),
      );
      expect(gatewayModel(gw.app).store.journal.count({ session: 'click-1', api: 'getPhoneNumber' })).toBe(1);
      const bare = await fetch(`${gw.url}/stub/`);
      expect(bare.status).toBe(401);
    } finally {
      await page.close();
      await gw.close();
    }
  });
});
