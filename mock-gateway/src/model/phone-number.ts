import {
  buildEnvelopeAsync,
  buildTampered,
  type EnvelopeSpec,
  OUTCOMES,
  type OutcomeId,
  plaintextFor,
  specFor,
} from '../protocol/index.js';
import type { AppSettings } from './app-schema.js';
import type { GatewayModel } from './gateway-model.js';
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
function envelopeFor(model: GatewayModel, spec: EnvelopeSpec, aesKey: string): Promise<string> {
  const key = `${aesKey}|${spec.signType}|${spec.form}|${spec.encrypt ? 'e' : 'p'}${spec.sign ? 's' : 'u'}|${spec.plaintext}`;
  return model.cache.getOrBuild(key, () =>
    buildEnvelopeAsync(spec, { aesKey, alipayPrivateKey: model.keys.alipayPrivateKey }),
  );
}

/**
 * `my.getPhoneNumber` on Alipay's side: resolves app, member and consent to an outcome, lets fault rules change it,
 * and builds the envelope. Transport faults in `faults` are the route's to apply.
 */
export async function issuePhoneNumber(model: GatewayModel, req: PhoneRequest): Promise<PhoneResult> {
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
  const consent = store.consent(req.session, appId, userId);
  const resolved = resolveOutcome(app, user, consent, now);
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

  const envelope = await envelopeFor(model, spec, aesKey);
  return { ok: true, value: { envelope, outcome, plaintext: spec.plaintext, variant, cause, appId, userId, faults } };
}
