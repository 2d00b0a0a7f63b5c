import { beforeAll, describe, expect, it } from 'vitest';
import { useAlimockGateway } from './vitest.js';

const alipay = useAlimockGateway({ sessionPrefix: 'unit' });

let outsideError: unknown;
let urlInBeforeAll = '';
beforeAll(() => {
  urlInBeforeAll = alipay.url;
  try {
    void alipay.session;
  } catch (e) {
    outsideError = e;
  }
});

const sessions: string[] = [];

describe('useAlimockGateway', () => {
  it('the gateway listens from beforeAll on; the session handle is for tests only', async () => {
    expect(urlInBeforeAll).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(String(outsideError)).toMatch(/bound to the running test/);
    expect(alipay.gatewayUrl).toBe(`${alipay.url}/gateway.do`);
    expect(alipay.app.server.listening).toBe(true);
    sessions.push(alipay.session);
    await alipay.setApp({ phonePackage: 'not-added' });
    await alipay.getPhoneNumber();
    expect(await alipay.count({ api: 'getPhoneNumber', outcome: '40006' })).toBe(1);
  });

  it('the next test has a new session, and the previous one was reset after its test', async () => {
    sessions.push(alipay.session);
    expect(sessions[1]).toMatch(/^unit-/);
    expect(sessions[1]).not.toBe(sessions[0]);
    const previous = alipay.withSession(sessions[0] as string);
    expect(await previous.count({ api: 'getPhoneNumber' })).toBe(0);
    const app = await alipay.app.inject({ url: `/__admin/apps/${alipay.appId}?session=${sessions[0]}` });
    expect(app.json().phonePackage).toBe('approved');
    await alipay.getPhoneNumber();
    expect(await alipay.count({ api: 'getPhoneNumber', outcome: 'success' })).toBe(1);
  });
});
