/**
 * The login step of a backend, tested with msw and the official alipay-sdk, with no server and no port:
 * `createAlipayHandlers()` answers https://openapi.alipay.com/gateway.do from the mock, in process.
 *
 * alipay-sdk 4 sends `exec` through urllib 4, which is built on undici's own `request()`: msw's interceptors (http,
 * https, fetch) never see it. The SDK's `proxyAgent` option is handed to urllib as the undici dispatcher, so the SDK
 * gets `createMswDispatcher(server)`, which answers from the server's handlers (msw's `getResponse`).
 */

import { type AlipayHandlers, createAlipayHandlers, createMswDispatcher } from 'alimock/msw';
import { AlipaySdk } from 'alipay-sdk';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const alipay: AlipayHandlers = await createAlipayHandlers();
const server = setupServer(...alipay.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  server.resetHandlers();
  await alipay.handle.reset();
});
afterAll(async () => {
  server.close();
  await alipay.close();
});

/** The SDK as a team's backend configures it: production gateway URL (the default), the app's keys. */
function sdk(gateway?: string): AlipaySdk {
  const { keys } = alipay.handle;
  return new AlipaySdk({
    appId: keys.appId,
    privateKey: keys.appPrivateKeyPem,
    keyType: 'PKCS8',
    alipayPublicKey: keys.alipayPublicKey,
    ...(gateway ? { gateway } : {}),
    // urllib (undici) requests are invisible to msw's interceptors: route them through the server's handlers
    proxyAgent: createMswDispatcher(server) as never,
  });
}

/**
 * `validateSign` is off for error answers only: alipay-sdk cuts the signed text at `<method>_response`, so it cannot
 * verify any `error_response` (a known SDK limit; the gateway signs them like Alipay does).
 */
const exchange = (client: AlipaySdk, code: string, validateSign = true) =>
  client.exec('alipay.system.oauth.token', { grant_type: 'authorization_code', code }, { validateSign });

describe('alipay-sdk through the msw handlers', () => {
  it('exchanges a code for the member’s user_id; the signed answer verifies; the gateway journaled the call', async () => {
    const member = await alipay.handle.addUser();
    const code = await alipay.handle.getAuthCode({ userId: member.userId });
    const result = await exchange(sdk(), code);
    expect(result.userId).toBe(member.userId);
    expect(result.openId).toBe(member.openId);
    expect(String(result.accessToken)).toMatch(/^authbseB/);
    // the SDK's request reached the in-process gateway: there is no other way to it (nothing listens)
    const calls = await alipay.handle.journal({ api: 'gateway' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.outcome).toBe('success');
    expect(calls[0]?.url).toMatch(/^\/gateway\.do\?.*method=alipay\.system\.oauth\.token/);
    expect(alipay.gateway.server.listening).toBe(false);
  });

  it('answers the sandbox gateways too', async () => {
    for (const gateway of [
      'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
      'https://openapi.alipaydev.com/gateway.do',
    ]) {
      const result = await exchange(sdk(gateway), await alipay.handle.getAuthCode());
      expect(result.userId).toBe('2088000000000001');
    }
    expect(await alipay.handle.count({ api: 'gateway', outcome: 'success' })).toBe(2);
  });

  it('a used code is refused the way Alipay refuses it (isv.code-invalid)', async () => {
    const code = await alipay.handle.getAuthCode();
    await exchange(sdk(), code);
    const again = await exchange(sdk(), code, false);
    expect(again.code).toBe('40002');
    expect(again.subCode).toBe('isv.code-invalid');
  });

  it('fault rules apply: 20000 on the next gateway call', async () => {
    await alipay.handle.failNext('20000', 1, { api: 'gateway' });
    const busy = await exchange(sdk(), await alipay.handle.getAuthCode(), false);
    expect(busy.code).toBe('20000');
    expect(busy.subCode).toBe('aop.unknow-error');
  });

  it('server.use() overrides reach the SDK as well (the dispatcher reads the server’s current handlers)', async () => {
    server.use(http.post('https://openapi.alipay.com/gateway.do', () => HttpResponse.text('busy', { status: 503 })));
    await expect(exchange(sdk(), await alipay.handle.getAuthCode())).rejects.toThrow(/503/);
    expect(await alipay.handle.count({ api: 'gateway' })).toBe(0);
  });

  it('a fetch-based client is intercepted by setupServer itself (no dispatcher needed)', async () => {
    const res = await fetch('https://openapi.alipay.com/gateway.do?method=alipay.system.oauth.token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=nope',
    });
    expect(res.status).toBe(200);
    // the gateway's own header, unchanged (Alipay writes it without a space)
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    const body = (await res.json()) as { error_response?: { code: string; sub_code: string } };
    // an unsigned request: the gateway refuses it like Alipay does
    expect(body.error_response?.code).toBe('40001');
  });

  it('request headers are passed on: a session header puts the call in that session’s journal', async () => {
    const tagged = alipay.handle.withSession('msw-header-check');
    await fetch('https://openapi.alipay.com/gateway.do?method=alipay.system.oauth.token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-alimock-session': tagged.session },
      body: 'grant_type=authorization_code&code=nope',
    });
    expect(await tagged.count({ api: 'gateway' })).toBe(1);
    await tagged.reset();
  });
});

describe('why the dispatcher is needed', () => {
  it('without it, urllib bypasses msw: the request goes to the socket (here a closed loopback port) and never reaches the handler', async () => {
    const closedPort = 'http://127.0.0.1:9/gateway.do';
    const handlers = await createAlipayHandlers({ gateway: alipay.gateway, urls: [closedPort] });
    server.use(...handlers.handlers);
    const { keys } = alipay.handle;
    const plain = new AlipaySdk({
      appId: keys.appId,
      privateKey: keys.appPrivateKeyPem,
      keyType: 'PKCS8',
      alipayPublicKey: keys.alipayPublicKey,
      gateway: closedPort,
      timeout: 3000,
    });
    await expect(exchange(plain, await alipay.handle.getAuthCode())).rejects.toThrow(
      /ECONNREFUSED|HttpClient Request error/,
    );
    expect(await alipay.handle.count({ api: 'gateway' })).toBe(0);
    // the same request through the dispatcher is answered
    const routed = new AlipaySdk({
      appId: keys.appId,
      privateKey: keys.appPrivateKeyPem,
      keyType: 'PKCS8',
      alipayPublicKey: keys.alipayPublicKey,
      gateway: closedPort,
      proxyAgent: createMswDispatcher(server) as never,
    });
    expect((await exchange(routed, await alipay.handle.getAuthCode())).userId).toBe('2088000000000001');
    expect(await alipay.handle.count({ api: 'gateway' })).toBe(1);
  });
});
