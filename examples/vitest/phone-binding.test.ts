/**
 * A team's phone-binding code tested against real envelopes from the mock gateway: one gateway for the file, a fresh
 * session per test (what one test sets up — an app setting, a member, a fault — is gone in the next).
 */
import { useAlimockGateway } from 'alimock/vitest';
import { describe, expect, it } from 'vitest';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { bindPhone } from './bind-phone.js';

const alipay = useAlimockGateway();

describe('bindPhone (the team’s function)', () => {
  it('success: a member who tapped 允许 → their mobile', async () => {
    const member = await alipay.addUser({ consent: 'allow' });
    const envelope = await alipay.getPhoneNumber({ userId: member.userId });
    expect(bindPhone(envelope, alipay.keys)).toEqual({ ok: true, mobile: member.mobile });
  });

  it('40003: no consent through the button → AUTH_REQUIRED', async () => {
    const member = await alipay.addUser();
    const envelope = await alipay.getPhoneNumber({ userId: member.userId });
    expect(bindPhone(envelope, alipay.keys)).toEqual({ ok: false, code: 'AUTH_REQUIRED' });
    const [entry] = await alipay.journal({ api: 'getPhoneNumber' });
    expect(entry?.outcome).toBe('40003');
  });

  it('40003: consent given, then expired → AUTH_REQUIRED', async () => {
    const member = await alipay.addUser({ consent: 'allow' });
    await alipay.expireConsent({ userId: member.userId });
    expect(bindPhone(await alipay.getPhoneNumber({ userId: member.userId }), alipay.keys)).toEqual({
      ok: false,
      code: 'AUTH_REQUIRED',
    });
  });

  it('40006: the phone feature package is not added (app setting) → ISV_PERMISSION_DENIED', async () => {
    await alipay.setApp({ phonePackage: 'not-added' });
    expect(bindPhone(await alipay.getPhoneNumber(), alipay.keys)).toEqual({ ok: false, code: 'ISV_PERMISSION_DENIED' });
  });

  it('the previous test’s app setting is gone: this test has its own session', async () => {
    expect(bindPhone(await alipay.getPhoneNumber(), alipay.keys)).toEqual({ ok: true, mobile: '13800138000' });
    expect(await alipay.count({ api: 'getPhoneNumber' })).toBe(1);
  });

  it('20000 via failNext → ALIPAY_BUSY, then the retry succeeds', async () => {
    await alipay.failNext('20000');
    expect(bindPhone(await alipay.getPhoneNumber(), alipay.keys)).toEqual({ ok: false, code: 'ALIPAY_BUSY' });
    expect(bindPhone(await alipay.getPhoneNumber(), alipay.keys)).toEqual({ ok: true, mobile: '13800138000' });
    expect(await alipay.count({ api: 'getPhoneNumber', outcome: '20000' })).toBe(1);
  });

  it('the public key not set in the console → no sign → SIGNATURE_MISSING', async () => {
    await alipay.setApp({ alipayPublicKeySet: false });
    expect(bindPhone(await alipay.getPhoneNumber(), alipay.keys)).toEqual({ ok: false, code: 'SIGNATURE_MISSING' });
  });
});

describe('the bundled reference backend, over HTTP semantics (inject)', () => {
  const post = async (encryptedData: string) => {
    const backend = buildReferenceBackend({ alipayPublicKey: alipay.keys.alipayPublicKey, aesKey: alipay.keys.aesKey });
    const res = await backend.inject({ method: 'POST', url: '/api/alipay/phone', payload: { encryptedData } });
    await backend.close();
    return { status: res.statusCode, body: res.json() as { mobile?: string; error?: { code: string } } };
  };

  it('success → 200 with the mobile', async () => {
    const member = await alipay.addUser({ consent: 'allow', mobile: '13912345678' });
    expect(await post(await alipay.getPhoneNumber({ userId: member.userId }))).toEqual({
      status: 200,
      body: { mobile: '13912345678' },
    });
  });

  it('40006 → 502 ISV_PERMISSION_DENIED; 20000 → 503 ALIPAY_BUSY', async () => {
    await alipay.setApp({ phonePackage: 'added' });
    const denied = await post(await alipay.getPhoneNumber());
    expect([denied.status, denied.body.error?.code]).toEqual([502, 'ISV_PERMISSION_DENIED']);
    await alipay.setApp({ phonePackage: 'approved' });
    await alipay.failNext('20000');
    const busy = await post(await alipay.getPhoneNumber());
    expect([busy.status, busy.body.error?.code]).toEqual([503, 'ALIPAY_BUSY']);
  });
});

describe('the handle', () => {
  it('knows where the gateway listens, and each test has another session', async () => {
    expect(alipay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${alipay.url}/__admin/health`);
    expect(await health.json()).toEqual({ ok: true });
    expect(alipay.session).toMatch(/^vitest-[0-9a-f]{12}$/);
    expect(alipay.keys.appId).toBe(alipay.appId);
  });
});
