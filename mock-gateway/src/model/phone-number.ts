import {
  buildEnvelopeAsync,
  buildTampered,
  type EnvelopeSpec,
  OUTCOMES,
  type OutcomeId,
  plaintextFor,
  specFor,
} from '../protocol/index.js';
import type { AppSettings } from './apps.js';
import type { GatewayModel } from './gateway-model.js';
import type { CallRecord } from './journal.js';
import { resolveOutcome } from './resolve-outcome.js';
import { decideFaults, type FaultDecision } from './rules.js';
import { DEMO_USER, type User } from './users.js';

export interface PhoneRequest {
  session: string;
  appId?: string;
  userId?: string;
  /** overrides the member's number (load tests need unique payloads) */
  mobile?: string;
  /** the app and member, when the caller has already looked them up in this session */
  resolved?: { app: AppSettings; user: User };
}

export interface IssuedPhone {
  envelope: string;
  outcome: OutcomeId;
  plaintext: string;
  /** `modelled`, an envelope variant, or `tamper:<kind>` */
  variant: string;
  cause: string;
  appId: string;
  userId: string;
  faults: FaultDecision;
}

export type PhoneError = { code: 'UNKNOWN_APP' | 'UNKNOWN_USER'; message: string };

export type PhoneResult = { ok: true; value: IssuedPhone } | { ok: false; reason: PhoneError };

function aesKeyOf(model: GatewayModel, app: AppSettings): string {
  return app.aesKey ?? model.keys.aesKey;
}

/** Builds (or takes from the cache) the envelope for a spec; signing runs on the thread pool. */
function envelopeFor(model: GatewayModel, spec: EnvelopeSpec, aesKey: string): Promise<string> | string {
  const key = `${aesKey}|${spec.signType}|${spec.form}|${spec.encrypt ? 'e' : 'p'}${spec.sign ? 's' : 'u'}|${spec.plaintext}`;
  return model.cache.getOrBuildAsync(key, () =>
    buildEnvelopeAsync(spec, { aesKey, alipayPrivateKey: model.keys.alipayPrivateKey }),
  );
}

/**
 * `my.getPhoneNumber` on Alipay's side: resolves app, member and consent to an outcome, lets fault rules change it,
 * and builds the envelope. Transport faults in `faults` are the route's to apply.
 */
/** A remembered result: valid while the store's version is `version` and the session's time is before `validUntil`. */
export interface PhoneMemoEntry {
  version: number;
  validUntil: number;
  value: IssuedPhone;
  /** the JSON answer of /jsapi/getPhoneNumber, serialised once */
  answer?: string;
  /** what the route journals for each call answered from this entry, built once */
  call?: CallRecord;
  /** the request fields that found this entry (the last-hit check compares them instead of building the key) */
  session: string;
  appId: string | undefined;
  userId: string | undefined;
  mobile: string | undefined;
}

/**
 * Remembered results kept at most (then all are dropped): the calls a test or a load repeats are few, and every
 * unique call (a new mobile) adds one, so a large memo is mostly memory (1,000 entries ≈ 2 MB).
 */
const MEMO_LIMIT = 1_000;

function memoKey(req: PhoneRequest, appId: string, userId: string): string {
  return `${req.session}\u0000${appId}\u0000${userId}\u0000${req.mobile ?? ''}`;
}

/**
 * The result a previous identical call got, if nothing that decides it has changed since: the state (store
 * version), the time (a consent's expiry) and no fault rule in play (rules count their calls, so they are never
 * skipped). Lets the hot path answer without resolving app, member, consent and outcome again.
 */
export function rememberedPhone(model: GatewayModel, req: PhoneRequest): PhoneMemoEntry | undefined {
  const { store } = model;
  if (store.rulesFor(req.session).length > 0) return undefined;
  // the same call as the last hit (load tests, polling pages): no key to build and hash
  const last = model.lastPhoneHit;
  const m =
    last !== undefined &&
    last.session === req.session &&
    last.appId === req.appId &&
    last.userId === req.userId &&
    last.mobile === req.mobile
      ? last
      : model.phoneMemo.get(memoKey(req, req.appId ?? store.defaultAppId, req.userId ?? DEMO_USER.userId));
  if (!m || m.version !== store.version) return undefined;
  if (m.validUntil !== Number.POSITIVE_INFINITY && store.now(req.session) >= m.validUntil) return undefined;
  if (m !== last) {
    // remember which request fields found it (they may differ from the entry's: defaults, an explicit app id)
    m.session = req.session;
    m.appId = req.appId;
    m.userId = req.userId;
    m.mobile = req.mobile;
    model.lastPhoneHit = m;
  }
  return m;
}

function remember(
  model: GatewayModel,
  req: PhoneRequest,
  value: IssuedPhone,
  validUntil: number,
  version: number,
): void {
  if (model.phoneMemo.size >= MEMO_LIMIT) {
    model.phoneMemo.clear();
    model.lastPhoneHit = undefined;
  }
  model.phoneMemo.set(memoKey(req, value.appId, value.userId), {
    version,
    validUntil,
    value,
    session: req.session,
    appId: req.appId,
    userId: req.userId,
    mobile: req.mobile,
  });
}

export function issuePhoneNumber(model: GatewayModel, req: PhoneRequest): PhoneResult | Promise<PhoneResult> {
  const { store } = model;
  const appId = req.appId ?? store.defaultAppId;
  const app = req.resolved?.app ?? store.app(req.session, appId);
  if (!app) {
    return {
      ok: false,
      reason: { code: 'UNKNOWN_APP', message: `no app "${appId}": create it with POST /__admin/apps first` },
    };
  }
  const userId = req.userId ?? DEMO_USER.userId;
  const found = req.resolved?.user ?? store.user(req.session, userId);
  if (!found) {
    return {
      ok: false,
      reason: {
        code: 'UNKNOWN_USER',
        message: `no member "${userId}" in this session: create one with POST /__admin/users`,
      },
    };
  }
  const user: User = req.mobile !== undefined && req.mobile !== found.mobile ? { ...found, mobile: req.mobile } : found;
  const now = store.now(req.session);
  const version = store.version;
  const consent = store.consent(req.session, appId, userId);
  const resolved = resolveOutcome(app, user, consent, now);
  // the outcome holds until the consent expires (or forever); any state change bumps the version
  const validUntil =
    consent?.decision === 'allow' && consent.expiresAt !== null && consent.expiresAt > now
      ? consent.expiresAt
      : Number.POSITIVE_INFINITY;
  const faults = decideFaults(store.rulesFor(req.session), {
    session: req.session,
    api: 'getPhoneNumber',
    appId,
    userId,
  });
  const aesKey = aesKeyOf(model, app);
  const ctx = { mobile: user.mobile, signType: app.signType ?? 'RSA2', form: app.envelopeForm } as const;
  const payload = faults.payload;

  let outcome: OutcomeId = resolved.outcome;
  let spec: EnvelopeSpec = {
    plaintext: plaintextFor(outcome, user.mobile),
    encrypt: resolved.encrypt,
    sign: resolved.sign,
    form: ctx.form,
    signType: ctx.signType,
  };
  let variant = 'modelled';
  let cause = resolved.cause;

  if (payload?.kind === 'outcome') {
    outcome = payload.outcome;
    cause = `injected ${outcome} by a rule`;
    if (payload.variant === undefined || payload.variant === 'default') {
      // the outcome's own delivery, as this app's console settings allow it
      const d = OUTCOMES[outcome].delivery;
      const encrypt = d.encrypted && app.aesKeyStatus === 'set';
      spec = {
        ...spec,
        plaintext: plaintextFor(outcome, user.mobile),
        encrypt,
        sign: d.signed && encrypt && app.alipayPublicKeySet && app.appGatewaySet && app.signType !== null,
      };
    } else {
      spec = specFor(outcome, payload.variant, ctx);
      variant = payload.variant;
    }
  } else if (payload?.kind === 'envelope') {
    spec = specFor(outcome, payload.variant, ctx);
    variant = payload.variant;
  }

  if (payload?.kind === 'tamper') {
    const foreign = model.foreign();
    const envelope = buildTampered(payload.tampering, spec, {
      aesKey,
      alipayPrivateKey: model.keys.alipayPrivateKey,
      foreignPrivateKey: foreign.privateKey,
      foreignAesKey: foreign.aesKey,
    });
    return {
      ok: true,
      value: {
        envelope,
        outcome,
        plaintext: spec.plaintext,
        variant: `tamper:${payload.tampering}`,
        cause,
        appId,
        userId,
        faults,
      },
    };
  }

  const issued = (envelope: string): PhoneResult => {
    const value = { envelope, outcome, plaintext: spec.plaintext, variant, cause, appId, userId, faults };
    if (faults.firedRuleIds.length === 0 && store.rulesFor(req.session).length === 0) {
      remember(model, req, value, validUntil, version);
    }
    return { ok: true, value };
  };
  // a cached envelope is answered synchronously; a new one waits for its signature (thread pool)
  const envelope = envelopeFor(model, spec, aesKey);
  return typeof envelope === 'string' ? issued(envelope) : envelope.then(issued);
}
