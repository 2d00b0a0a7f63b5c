/**
 * alimock/playwright: Playwright Test fixtures for the mini-program stub and the mock gateway.
 *
 *   import { test, expect } from 'alimock/playwright';
 *   test.use({ phoneUrl: 'http://127.0.0.1:3000/api/alipay/phone' });
 *   test('binds the phone', async ({ miniProgram, gateway }) => {
 *     await miniProgram.tapAuthorize('allow');
 *     await expect.poll(() => miniProgram.status()).toContain('手机号绑定成功');
 *   });
 */
import { test as base, expect, type LaunchOptions } from '@playwright/test';
import { gatewayModel } from '../../../mock-gateway/src/app.js';
import { type ListenOptions, type RunningGateway, startGateway } from '../../../mock-gateway/src/server.js';
import { CHROMIUM_ARGS, withDisabledFeatures } from '../driver/chromium-args.js';
import { findBrowser } from '../driver/find-browser.js';
import type { Contract } from '../target/contract.js';
import { createGatewayHandle, type GatewayHandle, newSessionId } from './gateway-handle.js';
import { MiniProgram, type MiniProgramOptions } from './mini-program.js';
import { mountPageOnce, mountSamplePageLazily } from './sample-page.js';
import { type TestKeys, testKeysOf } from './test-keys.js';

export { type BackendClient, createBackendClient, type PhoneAnswer } from './backend-client.js';
export * from './gateway-handle.js';
export { MiniProgram, type MiniProgramEvent, type MiniProgramOptions } from './mini-program.js';
export { expect };

/** The gateway a worker runs (port 0 on loopback), shared by that worker's tests. */
export interface AlimockServer {
  url: string;
  /** `${url}/gateway.do` */
  gatewayUrl: string;
  app: RunningGateway['app'];
  /** TEST-ONLY keys the gateway was built with: give them to the backend under test */
  keys: TestKeys;
}

/** The test's session handle, with the gateway's URL. */
export interface PlaywrightGatewayHandle extends GatewayHandle {
  readonly url: string;
}

export interface AlimockWorkerFixtures {
  /** options of the worker's gateway (seed, keys, …) */
  alimockGatewayOptions: ListenOptions;
  alimockServer: AlimockServer;
}

export interface AlimockTestFixtures {
  /** a fresh gateway session for the test (reset after it): set up apps, members, consents, faults; read the journal */
  gateway: PlaywrightGatewayHandle;
  /** where the page posts `{ encryptedData }` (your backend's phone endpoint) */
  phoneUrl: string | undefined;
  /** your backend's login endpoint, for page scripts that log in first */
  loginUrl: string | undefined;
  /** your backend's base URL: the page then sends the contract's requests there, as `alimock run` does */
  targetUrl: string | undefined;
  /** your backend's contract (the config's `contract` fields): path, method, headers, body, login */
  contract: Partial<Contract> | undefined;
  /** more stub options: member, app, page script, … */
  miniProgramOptions: MiniProgramOptions;
  /** the stub page, opened in the test's `page` with the test's session */
  miniProgram: MiniProgram;
}

export const test = base.extend<AlimockTestFixtures, AlimockWorkerFixtures>({
  alimockGatewayOptions: [{}, { scope: 'worker', option: true }],
  alimockServer: [
    async ({ alimockGatewayOptions }, use) => {
      const running = await startGateway({ host: '127.0.0.1', port: 0, ...alimockGatewayOptions });
      // compiled when a test first opens it: a worker whose tests use their own project never compiles it
      mountSamplePageLazily(running.app);
      await use({
        url: running.url,
        gatewayUrl: `${running.url}/gateway.do`,
        app: running.app,
        keys: testKeysOf(gatewayModel(running.app).keys),
      });
      await running.close();
    },
    { scope: 'worker' },
  ],
  gateway: async ({ alimockServer }, use) => {
    const handle = createGatewayHandle({ app: alimockServer.app }, newSessionId('pw'));
    await use({ ...handle, url: alimockServer.url });
    await handle.reset();
  },
  phoneUrl: [undefined, { option: true }],
  loginUrl: [undefined, { option: true }],
  targetUrl: [undefined, { option: true }],
  contract: [undefined, { option: true }],
  miniProgramOptions: [{}, { option: true }],
  miniProgram: async (
    { page, gateway, alimockServer, phoneUrl, loginUrl, targetUrl, contract, miniProgramOptions },
    use,
  ) => {
    let pagePath: string | undefined;
    if (miniProgramOptions.project !== undefined || miniProgramOptions.pageScript !== undefined) {
      const options = {
        ...(miniProgramOptions.project !== undefined ? { project: miniProgramOptions.project } : {}),
        ...(miniProgramOptions.page !== undefined ? { page: miniProgramOptions.page } : {}),
        ...(miniProgramOptions.pageScript !== undefined ? { pageScript: miniProgramOptions.pageScript } : {}),
        ...(targetUrl !== undefined ? { targetUrl } : {}),
      };
      const mounted = await mountPageOnce(alimockServer.app, options);
      if (!mounted.ok) throw new Error(`alimock: the mini-program could not be prepared: ${mounted.reason}`);
      pagePath = mounted.value;
    }
    const mp = new MiniProgram(page, gateway.url, gateway.session, {
      ...(phoneUrl !== undefined ? { phoneUrl } : {}),
      ...(loginUrl !== undefined ? { loginUrl } : {}),
      ...(targetUrl !== undefined ? { targetUrl } : {}),
      ...(contract !== undefined ? { contract } : {}),
      ...miniProgramOptions,
      ...(pagePath !== undefined ? { pagePath } : {}),
    });
    await mp.open();
    await use(mp);
  },
});

/**
 * Launch options for the Chromium alimock finds (`findBrowser`: ALIMOCK_CHROMIUM, Playwright's own download, then the
 * system's) with the flags a container needs. For `use: { launchOptions: await alimockLaunchOptions() }`.
 * Throws with an install hint when there is no Chromium (a setup fault).
 */
export async function alimockLaunchOptions(overrides: LaunchOptions = {}): Promise<LaunchOptions> {
  const where = await findBrowser(overrides.executablePath);
  if (!where.ok) throw new Error(`alimock: ${where.reason}`);
  // a --disable-features of the caller's joins alimock's and Playwright's (Chromium keeps only the last one given)
  const args = withDisabledFeatures([
    ...CHROMIUM_ARGS,
    ...(overrides.args ?? []).filter((a) => !CHROMIUM_ARGS.includes(a)),
  ]);
  return {
    ...overrides,
    ...(where.value.executablePath ? { executablePath: where.value.executablePath } : {}),
    args,
  };
}
