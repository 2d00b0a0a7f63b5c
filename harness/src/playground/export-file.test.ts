/**
 * Whatever a session did, "save as scenario" writes a file the scenario loader accepts (scenario-file.schema.json):
 * every kind of set-up (settings, a member without a phone, consents, rules) and of step (taps either way, a call
 * without a tap, clock moves, expiry), and the notes it adds. Running such files is tested in playground.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGateway, gatewayModel } from '../../../mock-gateway/src/app.js';
import { loadScenarios } from '../scenario/load-scenarios.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('export-file');
afterAll(() => dirs.cleanup());

describe('a saved session', () => {
  it('loads as a scenario file, whatever it did', async () => {
    const app = await buildGateway({ seed: 7 });
    const session = 'Export:All_1';
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
      const res = await app.inject({
        method,
        url,
        headers: { 'x-alimock-session': session },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return res.json() as Record<string, unknown>;
    };
    await send('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, {
      phonePackage: 'added',
      envelopeForm: 'short',
    });
    const { users } = (await send('POST', '/__admin/users', { noMobile: true })) as {
      users: Array<{ userId: string }>;
    };
    const userId = users[0]?.userId as string;
    await send('POST', '/__admin/consents', { decision: 'allow', userId, ttlMs: 60_000 });
    const rule = await send('POST', '/__admin/rules', { action: { kind: 'latency', ms: [1, 2] }, seed: 'x', times: 3 });
    await send('POST', '/__admin/rules', {
      action: { kind: 'tamper', tampering: 'flip-bit' },
      scope: { api: 'getPhoneNumber' },
    });
    await send('DELETE', `/__admin/rules/${rule.id as string}`);
    await send('POST', '/__admin/clock', { advanceMs: 3_600_000 });
    await send('POST', '/__admin/consents/expire', { userId });
    await send('POST', '/jsapi/authorize', { scope: 'phoneNumber', decision: 'deny', userId });
    await send('POST', '/jsapi/getPhoneNumber', { userId });
    await send('POST', '/jsapi/authorize', { scope: 'phoneNumber', decision: 'allow', userId });
    await send('POST', '/jsapi/getPhoneNumber', { userId });
    await send('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, { signType: 'RSA' });

    const file = await app.inject({ method: 'GET', url: `/__admin/sessions/${session}/scenario` });
    await app.close();
    expect(file.statusCode).toBe(200);
    const path = join(dirs.make(), 'saved.json');
    writeFileSync(path, file.body);
    const loaded = await loadScenarios([path], []);
    if (!loaded.ok) throw new Error(loaded.reason);
    const [scenario] = loaded.value;
    expect(scenario).toMatchObject({
      id: 'playground-export-all_1',
      group: 'playground',
      given: [
        { app: { phonePackage: 'added', envelopeForm: 'short', signType: 'RSA' } },
        { member: { noMobile: true } },
        { consent: 'allow', ttlMs: 60_000 },
        { rule: { action: { kind: 'tamper', tampering: 'flip-bit' }, scope: { api: 'getPhoneNumber' } } },
      ],
      steps: [
        { do: 'advance-clock', ms: 3_600_000 },
        { do: 'expire-consent' },
        { do: 'tap-authorize', choice: 'deny' },
        { do: 'call-get-phone-number' },
        { do: 'tap-authorize', choice: 'allow' },
      ],
      // no backend answered (no page sent anything)
      expect: { kind: 'no-call' },
    });
    expect(scenario?.explanation).toMatch(/set after the first step, yet applied before every step/);
  });
});
