/**
 * alimock/vitest: a mock Alipay gateway for a test file.
 *
 *   const alipay = useAlimockGateway();          // at the top of a test file (or of a describe block)
 *   it('binds the phone', async () => {
 *     const envelope = await alipay.getPhoneNumber();   // exactly what my.getPhoneNumber's res.response holds
 *     …
 *   });
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { gatewayModel } from '../../../mock-gateway/src/app.js';
import { type ListenOptions, type RunningGateway, startGateway } from '../../../mock-gateway/src/server.js';
import { createGatewayHandle, type GatewayHandle, newSessionId } from './gateway-handle.js';
import { type TestKeys, testKeysOf } from './test-keys.js';

export { type BackendClient, createBackendClient, type PhoneAnswer } from './backend-client.js';
export * from './gateway-handle.js';

export interface UseGatewayOptions extends ListenOptions {
  /** prefix of the per-test session ids (default `vitest`) */
  sessionPrefix?: string;
}

/** The handle of `useAlimockGateway`: the session-bound client of the running test, plus where the gateway is. */
export interface VitestGatewayHandle extends GatewayHandle {
  /** base URL of the gateway, e.g. `http://127.0.0.1:41234` (the stub page, /jsapi/*, /gateway.do) */
  readonly url: string;
  /** `${url}/gateway.do`: give it to alipay-sdk as `gateway` */
  readonly gatewayUrl: string;
  /** the in-process gateway (`app.inject()` works) */
  readonly app: FastifyInstance;
}

/**
 * Registers, in the calling file or describe block: `beforeAll` — start a gateway on a free loopback port;
 * `beforeEach` — a fresh session for the test, so tests never see each other's apps, members, consents, rules or
 * journal; `afterEach` — reset that session; `afterAll` — close the gateway. Returns a handle that always talks to
 * the running test's session. (Tests run with `.concurrent` share one current session: give each its own with
 * `handle.withSession(id)`.)
 */
export function useAlimockGateway(options: UseGatewayOptions = {}): VitestGatewayHandle {
  const { sessionPrefix = 'vitest', ...listen } = options;
  let running: RunningGateway | undefined;
  let keys: TestKeys | undefined;
  let current: GatewayHandle | undefined;

  const gateway = (what: string): RunningGateway => {
    if (!running)
      throw new Error(`alimock/vitest: ${what} is available once the gateway started (beforeAll of useAlimockGateway)`);
    return running;
  };
  const session = (): GatewayHandle => {
    if (!current) {
      throw new Error(
        'alimock/vitest: the gateway handle is bound to the running test: use it inside a test or a beforeEach/afterEach registered after useAlimockGateway()',
      );
    }
    return current;
  };

  beforeAll(async () => {
    running = await startGateway({ host: '127.0.0.1', port: 0, ...listen });
    keys = testKeysOf(gatewayModel(running.app).keys);
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  beforeEach(() => {
    current = createGatewayHandle({ app: gateway('the session').app }, newSessionId(sessionPrefix));
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    if (done && running) await done.reset();
  });

  return {
    get url() {
      return gateway('url').url;
    },
    get gatewayUrl() {
      return `${gateway('gatewayUrl').url}/gateway.do`;
    },
    get app() {
      return gateway('app').app;
    },
    get session() {
      return session().session;
    },
    get keys() {
      if (!keys) gateway('keys');
      return keys as TestKeys;
    },
    get appId() {
      return gatewayModel(gateway('appId').app).keys.appId;
    },
    setApp: (...a) => session().setApp(...a),
    addUser: (...a) => session().addUser(...a),
    consent: (...a) => session().consent(...a),
    expireConsent: (...a) => session().expireConsent(...a),
    advanceClock: (...a) => session().advanceClock(...a),
    addRule: (...a) => session().addRule(...a),
    failNext: (...a) => session().failNext(...a),
    authorize: (...a) => session().authorize(...a),
    getPhoneNumber: (...a) => session().getPhoneNumber(...a),
    getAuthCode: (...a) => session().getAuthCode(...a),
    journal: (...a) => session().journal(...a),
    count: (...a) => session().count(...a),
    reset: () => session().reset(),
    withSession: (id) => createGatewayHandle({ app: gateway('withSession').app }, id),
  };
}
