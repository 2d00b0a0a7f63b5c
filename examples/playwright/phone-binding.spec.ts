/**
 * The FAQ's sample page in the mini-program stub, tapped in Chromium, posting to the bundled reference backend
 * (one per worker, started in a worker fixture with the keys of the worker's gateway).
 */
import { test as alimock, expect } from 'alimock/playwright';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { listenBackend, type StartedBackend } from '../../reference-backend/src/server.js';

const test = alimock.extend<object, { backend: StartedBackend }>({
  backend: [
    async ({ alimockServer }, use) => {
      const { alipayPublicKey, aesKey } = alimockServer.keys;
      const backend = await listenBackend(buildReferenceBackend({ alipayPublicKey, aesKey }));
      await use(backend);
      await backend.close();
    },
    { scope: 'worker' },
  ],
  phoneUrl: async ({ backend }, use) => use(`${backend.url}/api/alipay/phone`),
});

test('tap 允许: the backend gets the envelope and binds the member’s mobile', async ({ gateway, miniProgram }) => {
  const member = await gateway.addUser({ mobile: '13612345678' });
  await miniProgram.open({ userId: member.userId });
  await miniProgram.tapAuthorize('allow');
  expect(await miniProgram.status()).toBe('手机号绑定成功');
  expect(await miniProgram.mobile()).toBe('13612345678');
  expect(await gateway.count({ api: 'getPhoneNumber', outcome: 'success' })).toBe(1);
  // the page never held the number in clear: only the envelope went through my.getPhoneNumber
  const events = await miniProgram.events();
  const phoneCall = events.find((e) => e.kind === 'jsapi' && e.name === 'getPhoneNumber');
  expect(JSON.stringify(phoneCall?.result)).not.toContain('13612345678');
});

test('tap 拒绝: onError fires, the page shows the refusal, nothing reaches Alipay or the backend', async ({
  gateway,
  miniProgram,
}) => {
  await miniProgram.tapAuthorize('deny');
  expect(await miniProgram.status()).toMatch(/^你已拒绝授权/);
  const events = await miniProgram.events();
  expect(events.some((e) => e.kind === 'page' && e.name === 'onAuthError')).toBe(true);
  expect(events.some((e) => e.kind === 'request' && e.name === '/stub/request')).toBe(false);
  expect(await gateway.count({ api: 'getPhoneNumber' })).toBe(0);
});

test('feature package not added (40006): the backend refuses with ISV_PERMISSION_DENIED', async ({
  gateway,
  miniProgram,
}) => {
  await gateway.setApp({ phonePackage: 'not-added' });
  await miniProgram.tapAuthorize('allow');
  expect(await miniProgram.status()).toBe('绑定失败：ISV_PERMISSION_DENIED');
  expect(await gateway.count({ api: 'getPhoneNumber', outcome: '40006' })).toBe(1);
});

test('Alipay busy once (20000): ALIPAY_BUSY, and the next tap succeeds', async ({ gateway, miniProgram }) => {
  await gateway.failNext('20000');
  await miniProgram.tapAuthorize('allow');
  expect(await miniProgram.status()).toBe('绑定失败：ALIPAY_BUSY');
  await miniProgram.open();
  await miniProgram.tapAuthorize('allow');
  expect(await miniProgram.status()).toBe('手机号绑定成功');
});
