/** The hot path's memo of issuePhoneNumber results must never answer what the current state would not. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGateway, gatewayModel } from '../app.js';
import { openEnvelope } from '../protocol/index.js';
import { manualClock } from './clock.js';

let app: FastifyInstance;
let clock: ReturnType<typeof manualClock>;
const S = { 'x-alimock-session': 'memo' };

async function outcome(): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/jsapi/getPhoneNumber', headers: S, payload: {} });
  expect(res.statusCode).toBe(200);
  const k = gatewayModel(app).keys;
  const opened = openEnvelope(res.json<{ response: string }>().response, {
    alipayPublicKey: k.alipayPublicKey,
    aesKey: k.aesKey,
  });
  if (!opened.ok) return `unopenable:${opened.reason.step}`;
  return String(opened.value.data.code);
}

beforeEach(async () => {
  clock = manualClock();
  app = await buildGateway({ clock });
});
afterEach(() => app.close());

describe('remembered phone results', () => {
  it('are reused for the same call and state (and journaled like any call)', async () => {
    expect(await outcome()).toBe('10000');
    expect(gatewayModel(app).phoneMemo.size).toBe(1);
    expect(await outcome()).toBe('10000');
    const count = await app.inject({ url: '/__admin/journal/count?session=memo&api=getPhoneNumber' });
    expect(count.json()).toEqual({ count: 2 });
  });

  it('are dropped by any state change: console settings, consents, rules', async () => {
    expect(await outcome()).toBe('10000');
    await app.inject({
      method: 'PATCH',
      url: '/__admin/apps/2021000000000001',
      headers: S,
      payload: { phonePackage: 'added' },
    });
    expect(await outcome()).toBe('40006');
    await app.inject({
      method: 'PATCH',
      url: '/__admin/apps/2021000000000001',
      headers: S,
      payload: { phonePackage: 'approved' },
    });
    expect(await outcome()).toBe('10000');
    await app.inject({ method: 'POST', url: '/__admin/consents', headers: S, payload: { decision: 'none' } });
    expect(await outcome()).toBe('40003');
  });

  it('expire with the consent, even when only time passes', async () => {
    await app.inject({
      method: 'POST',
      url: '/__admin/consents',
      headers: S,
      payload: { decision: 'allow', ttlMs: 60_000 },
    });
    expect(await outcome()).toBe('10000');
    clock.advance(59_000);
    expect(await outcome()).toBe('10000');
    clock.advance(2_000); // the gateway's own clock moves: no admin call, no state change
    expect(await outcome()).toBe('40003');
  });

  it('are never used while a fault rule is in play (rules count their calls)', async () => {
    await app.inject({
      method: 'POST',
      url: '/__admin/rules',
      headers: S,
      payload: { action: { kind: 'outcome', outcome: '20000' }, times: 1 },
    });
    expect(await outcome()).toBe('20000');
    expect(await outcome()).toBe('10000');
    expect(await outcome()).toBe('10000');
  });
});
