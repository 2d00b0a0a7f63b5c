/**
 * A backend with its own API shape, mapped by the config's `contract` (README "Point it at your own backend"):
 * another path and health path, another request body and header, another success and error body.
 */
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { buildReferenceBackend } from '../../../reference-backend/src/app.js';
import { listenBackend } from '../../../reference-backend/src/server.js';
import { allScenarios } from '../../../scenarios/index.js';
import { sharedTestBrowser } from '../test-support/chromium.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('custom-contract');
afterAll(() => dirs.cleanup());

/** The team's backend: POST /v1/users/me/phone { payload } with a bearer token → { data: { phone } } | { errCode }. */
function teamBackend(seen: { authorization: string[] }) {
  const keys = resolveKeys(undefined);
  const reference = buildReferenceBackend({ alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey });
  const app = Fastify();
  app.get('/health', async () => ({ up: true }));
  app.post('/v1/users/me/phone', async (request, reply) => {
    seen.authorization.push(String(request.headers.authorization));
    const payload = (request.body as { payload?: unknown } | null)?.payload;
    const res = await reference.inject({
      method: 'POST',
      url: '/api/alipay/phone',
      payload: { encryptedData: payload },
    });
    const body = res.json() as { mobile?: string; error?: { code: string } };
    return reply
      .code(res.statusCode)
      .send(body.mobile !== undefined ? { data: { phone: body.mobile } } : { errCode: body.error?.code });
  });
  app.addHook('onClose', async () => {
    await reference.close();
  });
  return app;
}

describe('a custom contract', () => {
  it('maps path, request, mobile and error code: the whole FAQ suite passes against the team backend', async () => {
    const seen = { authorization: [] as string[] };
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        groups: ['faq'],
        reportDir: dirs.make(),
        target: { start: () => listenBackend(teamBackend(seen)) },
        contract: {
          phonePath: '/v1/users/me/phone',
          healthPath: '/health',
          buildPhoneRequest: (encryptedData) => ({
            body: JSON.stringify({ payload: encryptedData }),
            contentType: 'application/json',
            headers: { authorization: 'Bearer test-user' },
          }),
          readMobile: (body) => (body as { data?: { phone?: string } }).data?.phone,
          readErrorCode: (body) => (body as { errCode?: string }).errCode,
        },
      }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    const failed = result.value.scenarios.filter((s) => s.status !== 'passed');
    expect(failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    expect(result.value.summary.passed).toBe(16);
    const accepted = result.value.scenarios.find((s) => s.id === 'faq1-success');
    expect(accepted?.verdict).toMatchObject({ kind: 'accepted' });
    const rejected = result.value.scenarios.find((s) => s.id === 'faq2-isv-package-missing');
    expect(rejected?.verdict).toEqual({ kind: 'rejected', code: 'ISV_PERMISSION_DENIED' });
    expect(seen.authorization.length).toBeGreaterThan(0);
    expect(new Set(seen.authorization)).toEqual(new Set(['Bearer test-user']));
  });

  it('without the mapping, the same backend is judged wrong (the default contract does not fit it)', async () => {
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        grep: '^faq1-success$',
        reportDir: dirs.make(),
        target: { start: () => listenBackend(teamBackend({ authorization: [] })) },
        contract: { healthPath: '/health' },
      }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.scenarios[0]?.status).toBe('failed');
  });
});

describe('browser.screenshots', () => {
  it("'off' takes none (in a Chromium the caller gives: its contexts closed, the browser left running)", async () => {
    const reportDir = dirs.make();
    const browser = await sharedTestBrowser();
    const before = browser.contexts().length;
    const result = await runSuite(
      resolvedConfig({ driver: 'browser', grep: '^faq1-success$', reportDir, browser: { screenshots: 'off' } }),
      { scenarios: allScenarios, reporters: [], browser },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(browser.isConnected()).toBe(true);
    expect(browser.contexts()).toHaveLength(before);
    const [s] = result.value.scenarios;
    expect(s?.status).toBe('passed');
    expect(s?.steps.some((st) => st.screenshot !== undefined)).toBe(false);
  });

  it("'on' (the default) shows the consent sheet and the result", async () => {
    const result = await runSuite(
      resolvedConfig({ driver: 'browser', grep: '^faq1-success$', reportDir: dirs.make() }),
      { scenarios: allScenarios, reporters: [], browser: await sharedTestBrowser() },
    );
    if (!result.ok) throw new Error(result.reason);
    const shots = result.value.scenarios[0]?.steps.filter((st) => st.screenshot).map((st) => st.label);
    expect(shots).toEqual(['the consent sheet (允许 / 拒绝)', 'tap 授权手机号, then 允许']);
  });
});
