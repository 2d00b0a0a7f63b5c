import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import { issuePhoneNumber, rememberedPhone } from '../model/phone-number.js';
import { type CallContext, decideFaults, type FaultDecision } from '../model/rules.js';
import { Store } from '../model/store.js';
import { DEMO_USER } from '../model/users.js';
import { applyTransportFaults, type CallRecord, journalCall } from './call-context.js';
import { sendError } from './errors.js';
import { jsonOnly } from './json-body.js';
import { sessionOf, sessionSchema } from './session.js';

const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const mobileSchema = { type: 'string', maxLength: 20, pattern: '^[0-9+-]*$' } as const;

const who = { session: sessionSchema, userId: idSchema, appId: idSchema } as const;

function bodySchema(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties: { ...who, ...properties }, required } as const;
}

export interface JsapiPluginOptions {
  model: GatewayModel;
}

/**
 * The my.* bridge: what the Alipay client asks Alipay's servers when a page calls my.getPhoneNumber & co.
 * Stable routes (DESIGN §7): /jsapi/authorize, /jsapi/getPhoneNumber, /jsapi/getAuthCode; plus /jsapi/getSetting.
 */
export async function jsapiRoutes(app: FastifyInstance, { model }: JsapiPluginOptions): Promise<void> {
  const { store } = model;
  jsonOnly(app);

  /** Session + app + user for a call, or an error already sent. */
  function resolveWho(request: FastifyRequest, reply: FastifyReply, api: CallContext['api']) {
    const s = sessionOf(request);
    if (!s.ok) {
      sendError(reply, 'BAD_SESSION', s.reason);
      return undefined;
    }
    const body = (request.body ?? {}) as { appId?: string; userId?: string };
    const session = s.value;
    const appId = body.appId ?? store.defaultAppId;
    const userId = body.userId ?? DEMO_USER.userId;
    request.alimockCall = { api, session, appId, userId };
    const app = store.app(session, appId);
    if (!app) {
      sendError(reply, 'UNKNOWN_APP', `no app "${appId}" in this session: create it with POST /__admin/apps`);
      return undefined;
    }
    const user = store.user(session, userId);
    if (!user) {
      sendError(reply, 'UNKNOWN_USER', `no member "${userId}" in this session: create one with POST /__admin/users`);
      return undefined;
    }
    return { session, appId, userId, resolved: { app, user } };
  }

  /** Applies transport faults; false (synchronously, on the hot path) when there is nothing to apply. */
  function faultsFinished(
    request: FastifyRequest,
    reply: FastifyReply,
    faults: FaultDecision,
  ): Promise<boolean> | false {
    if (faults.firedRuleIds.length === 0) return false;
    if (request.alimockCall) request.alimockCall.rules = faults.firedRuleIds;
    return applyTransportFaults(app, model, request, reply, faults);
  }

  app.post(
    '/jsapi/authorize',
    {
      schema: {
        body: bodySchema(
          { scope: { type: 'string', enum: ['phoneNumber'] }, decision: { type: 'string', enum: ['allow', 'deny'] } },
          ['scope', 'decision'],
        ),
      },
    },
    async (request, reply) => {
      const w = resolveWho(request, reply, 'authorize');
      if (!w) return reply;
      // the tap's answer on the consent sheet, journaled (the playground turns taps into a scenario's steps)
      const asked = (request.body as { decision: string }).decision;
      (request.alimockCall as CallRecord).request = JSON.stringify({ scope: 'phoneNumber', decision: asked });
      const faults = decideFaults(store.rulesFor(w.session), { api: 'authorize', ...w });
      if (await faultsFinished(request, reply, faults)) return reply;
      const { decision } = request.body as { decision: 'allow' | 'deny' };
      if (!store.holds(w.session, 'consents', Store.consentKey(w.appId, w.userId))) {
        const room = store.room(w.session, 'consents', 1);
        if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
      }
      const now = store.now(w.session);
      const ttl = store.app(w.session, w.appId)?.consentTtlMs ?? null;
      const expiresAt = decision === 'allow' && ttl !== null ? now + ttl : null;
      store.setConsent(w.session, w.appId, w.userId, { decision, at: now, expiresAt });
      return {
        scope: 'phoneNumber',
        decision,
        userId: w.userId,
        appId: w.appId,
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      };
    },
  );

  /** A call the memo cannot answer: resolve, issue (maybe signing on the thread pool), apply faults. */
  async function issueAndAnswer(request: FastifyRequest, reply: FastifyReply, mobile: string | undefined) {
    const w = resolveWho(request, reply, 'getPhoneNumber');
    if (!w) return reply;
    const pending = issuePhoneNumber(model, mobile === undefined ? w : { ...w, mobile });
    const issued = pending instanceof Promise ? await pending : pending;
    if (!issued.ok) return sendError(reply, issued.reason.code, issued.reason.message);
    const v = issued.value;
    const call = request.alimockCall as NonNullable<typeof request.alimockCall>;
    call.outcome = v.outcome;
    call.variant = v.variant;
    call.envelope = v.envelope;
    call.plaintext = v.plaintext;
    if (await faultsFinished(request, reply, v.faults)) return reply;
    return { response: v.envelope };
  }

  // Not an async function: the hot path answers synchronously and returns nothing (returning `reply`, a thenable,
  // from an async handler costs a promise job and a wait for the response to finish on every call).
  app.post('/jsapi/getPhoneNumber', { schema: { body: bodySchema({ mobile: mobileSchema }) } }, (request, reply) => {
    const body = request.body as { appId?: string; userId?: string; mobile?: string };
    const s = sessionOf(request);
    if (s.ok) {
      // hot path: the same call with the same state answers as before (no lookups, no resolution)
      const memo = rememberedPhone(model, {
        session: s.value,
        appId: body.appId,
        userId: body.userId,
        mobile: body.mobile,
      });
      if (memo) {
        const hit = memo.value;
        memo.answer ??= JSON.stringify({ response: hit.envelope });
        memo.call ??= {
          api: 'getPhoneNumber',
          session: s.value,
          appId: hit.appId,
          userId: hit.userId,
          outcome: hit.outcome,
          variant: hit.variant,
          envelope: hit.envelope,
          plaintext: hit.plaintext,
        };
        // journaled as the answer leaves (the time is the handler's; the hook has nothing left to do)
        journalCall(model, request, 200, reply.elapsedTime, memo.call);
        reply.type('application/json; charset=utf-8').send(memo.answer);
        return;
      }
    }
    return issueAndAnswer(request, reply, body.mobile);
  });

  app.post(
    '/jsapi/getAuthCode',
    {
      schema: {
        body: bodySchema(
          {
            scopes: {
              anyOf: [
                { type: 'string', enum: ['auth_base', 'auth_user'] },
                {
                  type: 'array',
                  minItems: 1,
                  maxItems: 4,
                  items: { type: 'string', enum: ['auth_base', 'auth_user'] },
                },
              ],
            },
          },
          ['scopes'],
        ),
      },
    },
    async (request, reply) => {
      const w = resolveWho(request, reply, 'getAuthCode');
      if (!w) return reply;
      const faults = decideFaults(store.rulesFor(w.session), { api: 'getAuthCode', ...w });
      if (await faultsFinished(request, reply, faults)) return reply;
      const raw = (request.body as { scopes: string | string[] }).scopes;
      const scopes = Array.isArray(raw) ? raw : [raw];
      const code = randomBytes(16).toString('hex');
      store.addAuthCode({ code, ...w, scopes, expiresAt: store.now(w.session) + model.authCodeTtlMs });
      return { authCode: code };
    },
  );

  app.post('/jsapi/getSetting', { schema: { body: bodySchema({}) } }, async (request, reply) => {
    const w = resolveWho(request, reply, 'getSetting');
    if (!w) return reply;
    const faults = decideFaults(store.rulesFor(w.session), { api: 'getSetting', ...w });
    if (await faultsFinished(request, reply, faults)) return reply;
    const c = store.consent(w.session, w.appId, w.userId);
    const now = store.now(w.session);
    const phoneNumber = c?.decision === 'allow' && (c.expiresAt === null || c.expiresAt > now);
    return { authSetting: { phoneNumber } };
  });
}
