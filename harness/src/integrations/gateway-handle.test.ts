import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, gatewayModel } from '../../../mock-gateway/src/app.js';
import { type RunningGateway, startGateway } from '../../../mock-gateway/src/server.js';
import { inspectWith } from '../../../mock-gateway/src/test-support/envelope-check.js';
import { AlimockGatewayError, createGatewayHandle, newSessionId } from './gateway-handle.js';

let app: FastifyInstance;
let served: RunningGateway;
beforeAll(async () => {
  app = await buildGateway({ seed: 5 });
  served = await startGateway({ seed: 6 });
});
afterAll(async () => {
  await app.close();
  await served.close();
});

/** The decrypted code, decoded independently of the gateway's bookkeeping ('success' for 10000). */
function outcomeOf(gw: FastifyInstance, envelope: string): string {
  const facts = inspectWith(gw, envelope);
  expect(facts.verified).toBe(true);
  const code = (JSON.parse(facts.plaintext ?? '{}') as { code?: string }).code;
  return code === '10000' ? 'success' : String(code);
}

describe('createGatewayHandle (in process, inject)', () => {
  it('keys come from the KeyMaterial the gateway was built with, and are a usable pair', () => {
    const h = createGatewayHandle({ app });
    const dir = gatewayModel(app).keys.dir;
    expect(h.keys.alipayPublicKey).toBe(readFileSync(join(dir, 'alipay-public.txt'), 'ascii').trim());
    expect(h.keys.aesKey).toBe(readFileSync(join(dir, 'aes.txt'), 'ascii').trim());
    expect(h.keys.appId).toBe(gatewayModel(app).keys.appId);
    const derived = createPublicKey(createPrivateKey(h.keys.appPrivateKeyPem)).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(derived).toString('base64')).toBe(h.keys.appPublicKey);
    expect(h.keys.alipayPublicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('each helper changes what this session’s getPhoneNumber emits', async () => {
    const h = createGatewayHandle({ app });
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('success');
    const member = await h.addUser({ mobile: '13700000001' });
    expect(outcomeOf(app, await h.getPhoneNumber({ userId: member.userId }))).toBe('40003');
    expect((await h.consent('allow', { userId: member.userId })).valid).toBe(true);
    expect(inspectWith(app, await h.getPhoneNumber({ userId: member.userId })).plaintext).toContain('13700000001');
    expect((await h.expireConsent({ userId: member.userId })).valid).toBe(false);
    expect(outcomeOf(app, await h.getPhoneNumber({ userId: member.userId }))).toBe('40003');
    await h.authorize('allow', { userId: member.userId });
    expect(outcomeOf(app, await h.getPhoneNumber({ userId: member.userId }))).toBe('success');
    const settings = await h.setApp({ phonePackage: 'not-added' });
    expect(settings.phonePackage).toBe('not-added');
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('40006');
    await h.setApp({ phonePackage: 'approved' });
    const rule = await h.failNext('20000', 2);
    expect(rule).toMatchObject({ times: 2, scope: { session: h.session, api: 'getPhoneNumber' } });
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('20000');
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('20000');
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('success');
    await h.addRule({ action: { kind: 'outcome', outcome: '40003' }, times: 1 });
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('40003');
    expect(outcomeOf(app, await h.getPhoneNumber())).toBe('success');
  });

  it('advanceClock moves this session’s time only, and consents with a ttl expire with it', async () => {
    const h = createGatewayHandle({ app });
    const other = h.withSession(newSessionId());
    const member = await h.addUser();
    await h.consent('allow', { userId: member.userId, ttlMs: 60_000 });
    const before = Date.parse(
      (await app.inject({ url: `/__admin/clock?session=${other.session}` }).then((r) => r.json())).now,
    );
    const now = await h.advanceClock(120_000);
    expect(now.getTime() - before).toBeGreaterThanOrEqual(119_000);
    expect(outcomeOf(app, await h.getPhoneNumber({ userId: member.userId }))).toBe('40003');
  });

  it('journal and count see this session only; reset empties it and drops its state', async () => {
    const a = createGatewayHandle({ app });
    const b = a.withSession(newSessionId('other'));
    await a.setApp({ phonePackage: 'not-added' });
    await a.getPhoneNumber();
    await a.getPhoneNumber();
    await b.getPhoneNumber();
    expect(await a.count({ api: 'getPhoneNumber' })).toBe(2);
    expect(await a.count({ api: 'getPhoneNumber', outcome: '40006' })).toBe(2);
    expect(await b.count({ api: 'getPhoneNumber', outcome: 'success' })).toBe(1);
    const entries = await a.journal({ api: 'getPhoneNumber' });
    expect(entries.map((e) => e.session)).toEqual([a.session, a.session]);
    await a.reset();
    expect(await a.count({ api: 'getPhoneNumber' })).toBe(0);
    expect(outcomeOf(app, await a.getPhoneNumber())).toBe('success');
    expect(await b.count({ api: 'getPhoneNumber' })).toBe(1);
  });

  it('getAuthCode gives a code the OpenAPI gateway knows', async () => {
    const h = createGatewayHandle({ app });
    const code = await h.getAuthCode({ scopes: 'auth_user' });
    expect(code).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a refused setup call throws AlimockGatewayError with the status and the gateway’s message', async () => {
    const h = createGatewayHandle({ app });
    const err = await h.setApp({ phonePackage: 'added' }, 'no-such-app').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlimockGatewayError);
    expect((err as AlimockGatewayError).status).toBe(404);
    expect((err as Error).message).toMatch(
      /PATCH \/__admin\/apps\/no-such-app → HTTP 404 UNKNOWN_APP: no app "no-such-app"/,
    );
    await expect(h.expireConsent({ userId: '2088999999999999' })).rejects.toThrow(/HTTP 4\d\d/);
  });

  it('refuses an invalid session id up front', () => {
    expect(() => createGatewayHandle({ app }, 'has space')).toThrow(/not valid/);
  });
});

describe('createGatewayHandle (another process: URL)', () => {
  it('works over HTTP with the package’s default keys', async () => {
    const h = createGatewayHandle({ url: served.url });
    expect(h.keys.alipayPublicKey).toBe(gatewayModel(served.app).keys.alipayPublicKeyBase64);
    await h.setApp({ phonePackage: 'not-added' });
    expect(outcomeOf(served.app, await h.getPhoneNumber())).toBe('40006');
    expect(await h.count({ api: 'getPhoneNumber' })).toBe(1);
    await h.reset();
    // the reset call itself is journaled, after the session's entries were dropped
    expect((await h.journal()).map((e) => e.api)).toEqual(['admin']);
  });
});
