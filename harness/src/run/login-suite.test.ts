/**
 * login-then-phone end to end, in both drivers, against the reference backend: the page logs in with
 * my.getAuthCode, the backend exchanges the code at the mock's /gateway.do (alipay.system.oauth.token, signed request,
 * verified answer), then the phone step binds the issued mobile. And against a backend whose login is missing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { startReferenceBackend } from '../../../reference-backend/src/server.js';
import { allScenarios } from '../../../scenarios/index.js';
import { loginScenarios } from '../../../scenarios/login/index.js';
import { ensureBuilt, ROOT } from '../test-support/built-cli.js';
import { sharedTestBrowser } from '../test-support/chromium.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('login-suite');
afterAll(() => dirs.cleanup());
beforeAll(() => ensureBuilt(), 120_000);

describe('login-then-phone', () => {
  for (const driver of ['http', 'browser'] as const) {
    it(`passes with the ${driver} driver: login identifies the member, the phone step binds the issued mobile`, async () => {
      const result = await runSuite(resolvedConfig({ driver, groups: ['login'], reportDir: dirs.make() }), {
        scenarios: allScenarios,
        reporters: [],
        ...(driver === 'browser' ? { browser: await sharedTestBrowser() } : {}),
      });
      if (!result.ok) throw new Error(result.reason);
      const [s] = result.value.scenarios;
      expect(s?.id).toBe('login-then-phone');
      expect(s?.failures).toEqual([]);
      expect(s?.status).toBe('passed');
      const login = s?.evidence.backend.find((x) => x.request.url.endsWith('/api/alipay/login'));
      expect(login?.response?.status).toBe(200);
      const body = JSON.parse(login?.response?.body ?? '{}') as { userId?: string };
      expect(body.userId).toMatch(/^2088\d{12}$/);
      // the gateway saw the code exchange, then the phone call
      const apis = (s?.evidence.journal ?? []).map((j) => j.api);
      expect(apis.indexOf('gateway')).toBeGreaterThan(apis.indexOf('getAuthCode'));
      expect(apis.indexOf('getPhoneNumber')).toBeGreaterThan(apis.indexOf('gateway'));
      expect(s?.verdict).toMatchObject({ kind: 'accepted' });
    });
  }

  it('config appId: the page, the gateway and the backend run as that app, and every scenario passes', async () => {
    const result = await runSuite(
      resolvedConfig({ driver: 'http', appId: '2021009900000042', groups: ['faq', 'login'], reportDir: dirs.make() }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    const failed = result.value.scenarios.filter((x) => x.status !== 'passed');
    expect(failed.map((x) => `${x.id}: ${x.failures[0]?.message}`)).toEqual([]);
    const login = result.value.scenarios.find((x) => x.id === 'login-then-phone');
    const apps = (login?.evidence.journal ?? []).filter((j) => j.appId).map((j) => `${j.api} ${j.appId}`);
    expect(apps).toEqual(expect.arrayContaining(['getAuthCode 2021009900000042', 'gateway 2021009900000042']));
  });

  it('a backend calling Alipay as another app than the config says: the root cause names both apps', async () => {
    const keys = resolveKeys(undefined);
    const backend = join(ROOT, 'dist', 'reference-backend', 'src', 'server.js');
    // the built reference backend, started as a team's command: its app id comes from the keys folder, not the config
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        appId: '2021009900000042',
        groups: ['login'],
        reportDir: dirs.make(),
        target: { command: `"${process.execPath}" "${backend}"` },
      }),
      { scenarios: loginScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.scenarios[0]?.status).toBe('failed');
    const [first] = result.value.diagnosis ?? [];
    expect(first?.cause).toBe('app-id-mismatch');
    expect(first?.title).toContain(
      `calls Alipay as app ${keys.appId}, but the mini-program runs as app 2021009900000042`,
    );
  });

  it('fails, naming the login, against a backend without a login endpoint', async () => {
    const keys = resolveKeys(undefined);
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        groups: ['login'],
        reportDir: dirs.make(),
        target: { start: () => startReferenceBackend({ alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey }) },
      }),
      { scenarios: loginScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    const [s] = result.value.scenarios;
    expect(s?.status).toBe('failed');
    expect(s?.failures.map((f) => f.message).join('\n')).toMatch(
      /^no login route \(HTTP 404 at POST http:\/\/127\.0\.0\.1:\d+\/api\/alipay\/login\): map it with contract\.buildLoginRequest, or leave out the 'login' group$/m,
    );
  });
});
