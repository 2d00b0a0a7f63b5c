import type { AppPatch, AppSettings } from './app-schema.js';
import { defaultApp } from './apps.js';
import type { Clock } from './clock.js';
import { Journal, type JournalLimits } from './journal.js';
import { DEFAULT_LIMITS, type LimitedKind, MAX_CLOCK_OFFSET_MS, type StoreLimits } from './limits.js';
import { seedFrom } from './prng.js';
import type { RuleInput } from './rule-schema.js';
import { createRule, type FaultRule } from './rules.js';
import { createUserFactory, DEMO_USER, type User } from './users.js';

/** A consent record for (app, user). `none` masks a consent held at a wider level (a revocation). */
export interface Consent {
  decision: 'allow' | 'deny' | 'none';
  at: number;
  /** ms epoch; null = never expires */
  expiresAt: number | null;
}

export interface AuthCode {
  code: string;
  session: string;
  appId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
}

/** Per-session overlay; the global layer uses the same shape with session id ''. */
export interface Layer {
  id: string;
  apps: Map<string, AppPatch>;
  users: Map<string, User>;
  consents: Map<string, Consent>;
  rules: FaultRule[];
  clockOffsetMs: number;
  /** use sequence number: the session least recently used (read or written) is evicted first */
  lastUsed: number;
  /** this layer's own seeded member factory, created on first use (see Store.addUser) */
  userFactory?: ReturnType<typeof createUserFactory>;
}

export const GLOBAL = '';

export interface StoreOptions {
  defaultAppId: string;
  clock: Clock;
  seed: number;
  journalCapacity: number;
  /** the journal's bound in bytes, and how much of one field it keeps (see Journal) */
  journal?: Partial<Omit<JournalLimits, 'capacity'>>;
  maxSessions: number;
  limits?: Partial<StoreLimits>;
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const KIND_WORDS: Record<LimitedKind, string> = {
  users: 'members',
  apps: 'app overlays',
  consents: 'consent records',
  rules: 'fault rules',
};

const consentKey = (appId: string, userId: string) => `${appId}\u0000${userId}`;

function newLayer(id: string): Layer {
  return { id, apps: new Map(), users: new Map(), consents: new Map(), rules: [], clockOffsetMs: 0, lastUsed: 0 };
}

/**
 * All mutable state of the gateway. Reads resolve session overlay first, then the global layer, so parallel sessions
 * never see each other's apps, users, consents, rules, clock offsets or journal entries.
 */
export class Store {
  readonly journal: Journal;
  /**
   * Bumped by every change that can alter an outcome (apps, members, consents, rules, clocks, resets): lets callers
   * keep results derived from the state for as long as it is unchanged.
   */
  version = 0;
  private readonly layers = new Map<string, Layer>();
  private readonly baseApps = new Map<string, AppSettings>();
  private readonly authCodes = new Map<string, AuthCode>();
  private ruleSeq = 0;
  private useSeq = 0;
  readonly limits: StoreLimits;

  constructor(private readonly options: StoreOptions) {
    this.journal = new Journal({ capacity: options.journalCapacity, ...options.journal });
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.resetAll();
  }

  private sizeOf(layer: Layer | undefined, kind: LimitedKind): number {
    if (!layer) return 0;
    return kind === 'rules' ? layer.rules.length : layer[kind].size;
  }

  /**
   * Whether `adding` more entries of a kind fit in the session (and in the total over all sessions); a refusal says
   * which bound and what to do. `existing` keys (an overwrite) take no room.
   */
  room(session: string, kind: LimitedKind, adding: number): StoreResult<true> {
    const perSession = this.limits[`${kind}PerSession`];
    const total = this.limits[`${kind}Total`];
    const own = this.sizeOf(this.layers.get(session), kind);
    const where = session === GLOBAL ? 'the global state' : `session "${session}"`;
    if (own + adding > perSession) {
      return {
        ok: false,
        reason: `${where} holds ${own} ${KIND_WORDS[kind]}; adding ${adding} would pass its limit of ${perSession}: reset the session or use another one`,
      };
    }
    let sum = adding;
    for (const l of this.layers.values()) sum += this.sizeOf(l, kind);
    if (kind === 'apps') sum += this.baseApps.size;
    if (sum > total) {
      return {
        ok: false,
        reason: `the gateway holds ${sum - adding} ${KIND_WORDS[kind]} over all sessions; adding ${adding} would pass its limit of ${total}: reset sessions that are done (POST /__admin/reset)`,
      };
    }
    return { ok: true, value: true };
  }

  /** True when the session (or the global layer) already holds this key: overwriting takes no room. */
  holds(session: string, kind: 'users' | 'apps' | 'consents', key: string): boolean {
    return this.layers.get(session)?.[kind].has(key) ?? false;
  }

  /** The key a consent is stored under (for `holds`). */
  static consentKey(appId: string, userId: string): string {
    return consentKey(appId, userId);
  }

  get defaultAppId(): string {
    return this.options.defaultAppId;
  }

  resetAll(): void {
    this.version++;
    this.layers.clear();
    this.baseApps.clear();
    this.authCodes.clear();
    this.journal.clear();
    const global = newLayer(GLOBAL);
    this.layers.set(GLOBAL, global);
    this.baseApps.set(this.options.defaultAppId, defaultApp(this.options.defaultAppId));
    global.users.set(DEMO_USER.userId, DEMO_USER);
    global.consents.set(consentKey(this.options.defaultAppId, DEMO_USER.userId), {
      decision: 'allow',
      at: this.options.clock.now(),
      expiresAt: null,
    });
  }

  resetSession(session: string): void {
    this.version++;
    if (session === GLOBAL) {
      this.resetAll();
      return;
    }
    this.layers.delete(session);
    this.journal.clear(session);
    for (const [code, c] of this.authCodes) if (c.session === session) this.authCodes.delete(code);
  }

  /** The layer of a session, created on first use; the least recently used session is evicted past maxSessions. */
  layer(session: string): Layer {
    let layer = this.layers.get(session);
    if (!layer) {
      if (this.layers.size > this.options.maxSessions) this.evictOldest();
      layer = newLayer(session);
      this.layers.set(session, layer);
    }
    layer.lastUsed = ++this.useSeq;
    return layer;
  }

  private evictOldest(): void {
    this.version++;
    let oldest: Layer | undefined;
    for (const l of this.layers.values()) if (l.id !== GLOBAL && (!oldest || l.lastUsed < oldest.lastUsed)) oldest = l;
    if (oldest) this.layers.delete(oldest.id);
  }

  sessions(): string[] {
    return [...this.layers.keys()].filter((s) => s !== GLOBAL);
  }

  private chain(session: string): Layer[] {
    const global = this.layers.get(GLOBAL) as Layer;
    if (session === GLOBAL) return [global];
    const own = this.layers.get(session);
    if (own) own.lastUsed = ++this.useSeq;
    return own ? [own, global] : [global];
  }

  /** Session time: the gateway clock plus the global offset plus the session's own offset. */
  now(session: string): number {
    const global = this.layers.get(GLOBAL)?.clockOffsetMs ?? 0;
    const own = session === GLOBAL ? 0 : (this.layers.get(session)?.clockOffsetMs ?? 0);
    return this.options.clock.now() + global + own;
  }

  /**
   * Moves a session's time (or, for the global layer, everyone's time, including sessions created later). Refused
   * when the offset would pass ±100 years: session times must stay inside what a Date can hold.
   */
  advanceClock(session: string, ms: number): StoreResult<number> {
    const offset = (this.layers.get(session)?.clockOffsetMs ?? 0) + ms;
    if (!Number.isFinite(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS) {
      const where = session === GLOBAL ? 'the global clock' : `the clock of session "${session}"`;
      const years = (offset / (365.25 * 24 * 3600 * 1000)).toFixed(0);
      return {
        ok: false,
        reason: `advanceMs ${ms} would move ${where} ${years} years from the gateway's time; the limit is ±100 years (${MAX_CLOCK_OFFSET_MS} ms): reset the session to start its clock again`,
      };
    }
    this.version++;
    this.layer(session).clockOffsetMs = offset;
    return { ok: true, value: this.now(session) };
  }

  // ── apps ──────────────────────────────────────────────────────────────────────────────────────────────────────

  appIds(session: string): string[] {
    const ids = new Set(this.baseApps.keys());
    for (const l of this.chain(session)) for (const id of l.apps.keys()) ids.add(id);
    return [...ids];
  }

  app(session: string, appId: string): AppSettings | undefined {
    const base = this.baseApps.get(appId);
    const own = session === GLOBAL ? undefined : this.layers.get(session)?.apps.get(appId);
    const global = this.layers.get(GLOBAL)?.apps.get(appId);
    if (!base && !own) return undefined;
    return { ...(base ?? defaultApp(appId)), ...global, ...own, appId };
  }

  /** Creates the app (globally) if needed and overlays the patch in the session (or globally). */
  patchApp(session: string, appId: string, patch: AppPatch, create = false): AppSettings | undefined {
    this.version++;
    if (!this.app(session, appId)) {
      if (!create) return undefined;
      if (session === GLOBAL) this.baseApps.set(appId, defaultApp(appId));
    }
    const layer = this.layer(session);
    layer.apps.set(appId, { ...layer.apps.get(appId), ...patch });
    return this.app(session, appId);
  }

  // ── users ─────────────────────────────────────────────────────────────────────────────────────────────────────

  user(session: string, userId: string): User | undefined {
    for (const l of this.chain(session)) {
      const u = l.users.get(userId);
      if (u) return u;
    }
    return undefined;
  }

  users(session: string): User[] {
    const seen = new Map<string, User>();
    for (const l of [...this.chain(session)].reverse()) for (const u of l.users.values()) seen.set(u.userId, u);
    return [...seen.values()];
  }

  addUser(session: string, options: { userId?: string; mobile?: string; noMobile?: boolean; nickName?: string }): User {
    this.version++;
    const layer = this.layer(session);
    // one factory per session, seeded from (seed, session): a session's members do not depend on other sessions
    layer.userFactory ??= createUserFactory(
      session === GLOBAL ? this.options.seed : seedFrom(`${this.options.seed}:${session}`),
    );
    const generated = layer.userFactory.next(options);
    const user: User = {
      ...generated,
      ...(options.userId ? { userId: options.userId } : {}),
      ...(options.nickName ? { nickName: options.nickName } : {}),
    };
    layer.users.set(user.userId, user);
    return user;
  }

  // ── consents ──────────────────────────────────────────────────────────────────────────────────────────────────

  consent(session: string, appId: string, userId: string): Consent | undefined {
    for (const l of this.chain(session)) {
      const c = l.consents.get(consentKey(appId, userId));
      if (c) return c;
    }
    return undefined;
  }

  setConsent(session: string, appId: string, userId: string, consent: Consent): void {
    this.version++;
    this.layer(session).consents.set(consentKey(appId, userId), consent);
  }

  consents(session: string): Array<Consent & { appId: string; userId: string }> {
    const seen = new Map<string, Consent>();
    for (const l of [...this.chain(session)].reverse()) for (const [k, c] of l.consents) seen.set(k, c);
    return [...seen].map(([k, c]) => {
      const [appId = '', userId = ''] = k.split('\u0000');
      return { ...c, appId, userId };
    });
  }

  // ── rules ─────────────────────────────────────────────────────────────────────────────────────────────────────

  addRule(input: RuleInput): FaultRule {
    this.version++;
    const session = input.scope?.session ?? GLOBAL;
    const rule = createRule(`rule-${++this.ruleSeq}`, input);
    this.layer(session).rules.push(rule);
    return rule;
  }

  /** Rules that may apply to a call in this session: the session's own, then global ones. */
  rulesFor(session: string): FaultRule[] {
    const global = (this.layers.get(GLOBAL) as Layer).rules;
    const own = session === GLOBAL ? undefined : this.layers.get(session)?.rules;
    if (!own || own.length === 0) return global;
    return global.length === 0 ? own : [...own, ...global];
  }

  rules(session?: string): FaultRule[] {
    if (session === undefined) return [...this.layers.values()].flatMap((l) => l.rules);
    return this.layers.get(session)?.rules ?? [];
  }

  /** Removes a rule: from a session, only that session's own rules; globally, any rule. */
  removeRule(id: string, session: string = GLOBAL): boolean {
    this.version++;
    const layers = session === GLOBAL ? [...this.layers.values()] : [this.layers.get(session)];
    for (const l of layers) {
      const i = l?.rules.findIndex((r) => r.id === id) ?? -1;
      if (l && i >= 0) {
        l.rules.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  clearRules(session: string): number {
    this.version++;
    const l = this.layers.get(session);
    if (!l) return 0;
    const n = l.rules.length;
    l.rules = [];
    return n;
  }

  // ── auth codes (single use, expiring; indexed globally because /gateway.do carries no session) ────────────────

  addAuthCode(code: AuthCode): void {
    this.authCodes.set(code.code, code);
    if (this.authCodes.size > 100_000) {
      const first = this.authCodes.keys().next().value;
      if (first !== undefined) this.authCodes.delete(first);
    }
  }

  /** Consumes a code: returns it once, then never again. */
  takeAuthCode(code: string): AuthCode | undefined {
    const c = this.authCodes.get(code);
    if (c) this.authCodes.delete(code);
    return c;
  }
}
