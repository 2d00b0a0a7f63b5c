import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import { issuePhoneNumber } from '../model/phone-number.js';
import { type CallContext, decideFaults, type FaultDecision } from '../model/rules.js';
import { Store } from '../model/store.js';
import { DEMO_USER } from '../model/users.js';
import { amendCall, applyTransportFaults, describeCall } from './call-context.js';
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
 * Stable routes (docs/cli.md): /jsapi/authorize, /jsapi/getPhoneNumber, /jsapi/getAuthCode; plus /jsapi/getSetting.
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
    describeCall(request, { api, session, appId, userId });
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

  /** Applies transport faults: true when the call is finished by one. */
  async function faultsFinished(request: FastifyRequest, reply: FastifyReply, faults: FaultDecision): Promise<boolean> {
    if (faults.firedRuleIds.length === 0) return false;
    amendCall(request, { rules: faults.firedRuleIds });
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
      amendCall(request, { request: JSON.stringify({ scope: 'phoneNumber', decision: asked }) });
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

  app.post(
    '/jsapi/getPhoneNumber',
    { schema: { body: bodySchema({ mobile: mobileSchema }) } },
    async (request, reply) => {
      const w = resolveWho(request, reply, 'getPhoneNumber');
      if (!w) return reply;
      const mobile = (request.body as { mobile?: string }).mobile;
      const issued = await issuePhoneNumber(model, mobile === undefined ? w : { ...w, mobile });
      if (!issued.ok) return sendError(reply, issued.reason.code, issued.reason.message);
      const v = issued.value;
      amendCall(request, { outcome: v.outcome, variant: v.variant, envelope: v.envelope, plaintext: v.plaintext });
      if (await faultsFinished(request, reply, v.faults)) return reply;
      return { response: v.envelope };
    },
  );

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
