import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { gatewayModel } from '../../../mock-gateway/src/app.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { AppPatch, AppSettings } from '../../../mock-gateway/src/model/app-schema.js';
import type { JournalEntry, JournalQuery } from '../../../mock-gateway/src/model/journal.js';
import type { RuleApi, RuleInput } from '../../../mock-gateway/src/model/rule-schema.js';
import type { FaultRule } from '../../../mock-gateway/src/model/rules.js';
import { SESSION_RE } from '../../../mock-gateway/src/model/session-id.js';
import type { User } from '../../../mock-gateway/src/model/users.js';
import type { OutcomeId } from '../../../mock-gateway/src/protocol/index.js';
import { fetchTransport, type GatewayTransport, injectTransport, type TransportRequest } from './gateway-transport.js';
import { defaultKeyMaterial, type TestKeys, testKeysOf } from './test-keys.js';

export type { TestKeys } from './test-keys.js';
export type { AppPatch, AppSettings, JournalEntry, JournalQuery, OutcomeId, RuleInput, User };

/** A rule as the admin API returns it. */
export type PublicRule = Omit<FaultRule, 'random'>;

export interface ConsentView {
  appId: string;
  userId: string;
  decision: 'allow' | 'deny' | 'none';
  at: string;
  expiresAt: string | null;
  /** an `allow` that has not expired */
  valid: boolean;
}

/** Who a call is about; defaults: the demo app (keys/app.json) and the demo member, who has consented. */
export interface Who {
  userId?: string;
  appId?: string;
}

export interface AddUserOptions {
  userId?: string;
  mobile?: string;
  /** a member without a bound phone: success carries `mobile: ""` */
  noMobile?: boolean;
  nickName?: string;
  /** `allow`: the member has already tapped 允许 for `appId` */
  consent?: 'allow' | 'none';
  appId?: string;
}

/** Journal filters; the session is always the handle's own. */
export type JournalFilter = Omit<JournalQuery, 'session'>;

/** `CODE: message` from the gateway's error body, or the raw text. */
function describeError(body: string): string {
  try {
    const e = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') return `${e.code}: ${e.message}`;
  } catch {
    // not JSON
  }
  return body.slice(0, 400);
}

/** What the gateway answered when a setup call failed: a test-setup fault, so the helpers throw it. */
export class AlimockGatewayError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`alimock gateway ${method} ${path} → HTTP ${status} ${describeError(body)}`);
    this.name = 'AlimockGatewayError';
  }
}

/**
 * A typed client of the mock gateway bound to one session: every piece of state it sets (console settings, members,
 * consents, rules, clock) and every journal entry it reads belongs to that session only, so tests sharing one
 * gateway never see each other. Setup failures throw `AlimockGatewayError` (they are faults of the test, not results).
 */
export interface GatewayHandle {
  readonly session: string;
  /** TEST-ONLY keys the gateway was built with: what a backend under test needs */
  readonly keys: TestKeys;
  /** the demo app id */
  readonly appId: string;
  /** PATCH the app's console settings (default app: the demo app), e.g. `{ phonePackage: 'not-added' }` → 40006 */
  setApp(patch: AppPatch, appId?: string): Promise<AppSettings>;
  /** a new fake member (seeded faker data unless given) */
  addUser(options?: AddUserOptions): Promise<User>;
  /** record a consent decision as if the member had tapped (`none` removes it) */
  consent(decision: 'allow' | 'deny' | 'none', options?: Who & { ttlMs?: number | null }): Promise<ConsentView>;
  /** make the member's consent expired now (40003 from then on) */
  expireConsent(options?: Who): Promise<ConsentView>;
  /** move this session's clock; returns the new session time */
  advanceClock(ms: number): Promise<Date>;
  /** add a fault rule (scoped to this session) */
  addRule(rule: RuleInput): Promise<PublicRule>;
  /** force `outcome` for the next `times` calls of `api` (default `getPhoneNumber`) */
  failNext(outcome: OutcomeId, times?: number, scope?: Who & { api?: RuleApi }): Promise<PublicRule>;
  /** the tap on the consent sheet, through the JSAPI bridge (`/jsapi/authorize`) */
  authorize(decision: 'allow' | 'deny', who?: Who): Promise<void>;
  /** `my.getPhoneNumber`: the envelope string `res.response` holds, unchanged */
  getPhoneNumber(options?: Who & { mobile?: string }): Promise<string>;
  /** `my.getAuthCode`: a code for `alipay.system.oauth.token` */
  getAuthCode(
    options?: Who & { scopes?: 'auth_base' | 'auth_user' | Array<'auth_base' | 'auth_user'> },
  ): Promise<string>;
  /** this session's journal entries, oldest first */
  journal(query?: JournalFilter): Promise<JournalEntry[]>;
  /** how many of this session's journal entries match */
  count(query?: JournalFilter): Promise<number>;
  /** drop everything this session set up, and its journal */
  reset(): Promise<void>;
  /** the same gateway, another session */
  withSession(session: string): GatewayHandle;
}

export type GatewayTarget =
  /** an in-process gateway (`buildGateway()` / `startGateway().app`): calls go through `app.inject()` */
  | { app: FastifyInstance }
  /** a gateway in another process; `keys`: the material it was started with (default: the package's keys/) */
  | { url: string; keys?: KeyMaterial };

/** A fresh session id, unique enough for tests that run side by side. */
export function newSessionId(prefix = 'alimock'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export function createGatewayHandle(target: GatewayTarget, session: string = newSessionId()): GatewayHandle {
  if (!SESSION_RE.test(session)) {
    throw new Error(
      `alimock: session "${session.slice(0, 60)}" is not valid: use 1-128 characters of A-Z a-z 0-9 . _ : -`,
    );
  }
  const transport: GatewayTransport = 'app' in target ? injectTransport(target.app) : fetchTransport(target.url);
  const material = 'app' in target ? gatewayModel(target.app).keys : (target.keys ?? defaultKeyMaterial());
  const keys = testKeysOf(material);

  async function call<T>(
    method: TransportRequest['method'],
    path: string,
    body?: object,
    expect = [200, 201],
  ): Promise<T> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const answer = await transport({
      method,
      path,
      headers: { 'x-alimock-session': session, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: json } : {}),
    });
    if (!expect.includes(answer.status)) throw new AlimockGatewayError(method, path, answer.status, answer.body);
    return (answer.body === '' ? undefined : JSON.parse(answer.body)) as T;
  }

  const who = (w: Who = {}) => ({
    ...(w.userId !== undefined ? { userId: w.userId } : {}),
    ...(w.appId !== undefined ? { appId: w.appId } : {}),
  });

  const handle: GatewayHandle = {
    session,
    keys,
    appId: keys.appId,
    setApp: (patch, appId = keys.appId) => call('PATCH', `/__admin/apps/${encodeURIComponent(appId)}`, patch),
    async addUser(options = {}) {
      const res = await call<{ users: User[] }>('POST', '/__admin/users', options);
      const user = res.users[0];
      if (!user) throw new Error('alimock: POST /__admin/users answered no user');
      return user;
    },
    consent: (decision, options = {}) =>
      call('POST', '/__admin/consents', {
        decision,
        ...who(options),
        ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
      }),
    expireConsent: (options = {}) => call('POST', '/__admin/consents/expire', who(options)),
    async advanceClock(ms) {
      const res = await call<{ now: string }>('POST', '/__admin/clock', { advanceMs: ms });
      return new Date(res.now);
    },
    addRule: (rule) => call('POST', '/__admin/rules', rule),
    failNext(outcome, times = 1, scope = {}) {
      return handle.addRule({
        action: { kind: 'outcome', outcome },
        times,
        scope: { api: scope.api ?? 'getPhoneNumber', ...who(scope) },
        note: `failNext(${outcome}, ${times})`,
      });
    },
    async authorize(decision, w = {}) {
      await call('POST', '/jsapi/authorize', { scope: 'phoneNumber', decision, ...who(w) }, [200]);
    },
    async getPhoneNumber(options = {}) {
      const res = await call<{ response: unknown }>(
        'POST',
        '/jsapi/getPhoneNumber',
        { ...who(options), ...(options.mobile !== undefined ? { mobile: options.mobile } : {}) },
        [200],
      );
      if (typeof res?.response !== 'string')
        throw new Error(`alimock: getPhoneNumber answered no response string: ${JSON.stringify(res)}`);
      return res.response;
    },
    async getAuthCode(options = {}) {
      const res = await call<{ authCode: string }>(
        'POST',
        '/jsapi/getAuthCode',
        { scopes: options.scopes ?? ['auth_base'], ...who(options) },
        [200],
      );
      return res.authCode;
    },
    async journal(query = {}) {
      const res = await call<{ entries: JournalEntry[] }>(
        'GET',
        `/__admin/journal${queryString({ ...query, session })}`,
      );
      return res.entries;
    },
    async count(query = {}) {
      const res = await call<{ count: number }>('GET', `/__admin/journal/count${queryString({ ...query, session })}`);
      return res.count;
    },
    async reset() {
      await call('POST', `/__admin/reset${queryString({ session })}`);
    },
    withSession: (other) => createGatewayHandle(target, other),
  };
  return handle;
}
