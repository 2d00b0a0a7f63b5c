import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppPatch } from '../model/app-schema.js';
import type { GatewayModel } from '../model/gateway-model.js';
import type { JournalQuery } from '../model/journal.js';
import { parseRuleInput } from '../model/rule-input.js';
import { publicRule } from '../model/rules.js';
import { GLOBAL, Store } from '../model/store.js';
import { DEMO_USER } from '../model/users.js';
import { decodeAesKey, publicKeyToPem } from '../protocol/index.js';
import * as S from './admin-schemas.js';
import { amendCall, describeCall, skipJournal } from './call-context.js';
import { sendError } from './errors.js';
import { jsonOnly } from './json-body.js';
import { sessionOf } from './session.js';

export interface AdminPluginOptions {
  model: GatewayModel;
}

type Body = Record<string, unknown> & { session?: string };

/** The admin API under /__admin: state the scenarios set up, and what the gateway saw. */
export async function adminRoutes(app: FastifyInstance, { model }: AdminPluginOptions): Promise<void> {
  const { store } = model;
  jsonOnly(app);

  /** Session of an admin call (journaled as api `admin`); undefined when an error was sent. */
  function session(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const s = sessionOf(request);
    if (!s.ok) {
      sendError(reply, 'BAD_SESSION', s.reason);
      return undefined;
    }
    describeCall(request, { api: 'admin', session: s.value });
    return s.value;
  }

  /**
   * The journal keeps what a write set (its body, once validated: flat and bounded), in order: the playground's
   * "save as scenario" reads it back.
   */
  const keep = (request: FastifyRequest, value: unknown) => amendCall(request, { request: JSON.stringify(value) });

  const patchOf = (body: Body): AppPatch => {
    const { session: _s, appId: _a, ...patch } = body;
    return patch as AppPatch;
  };

  /** Room for an app overlay in the session (an existing overlay is overwritten in place). */
  const appRoom = (s: string, appId: string) =>
    store.holds(s, 'apps', appId) ? ({ ok: true } as const) : store.room(s, 'apps', 1);

  /** Room for a consent record (an existing one is overwritten in place). */
  const consentRoom = (s: string, appId: string, userId: string) =>
    store.holds(s, 'consents', Store.consentKey(appId, userId))
      ? ({ ok: true } as const)
      : store.room(s, 'consents', 1);

  app.get('/__admin/health', async () => ({ ok: true }));

  app.post('/__admin/reset', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    if (s === GLOBAL) store.resetAll();
    else store.resetSession(s);
    return { ok: true, reset: s === GLOBAL ? 'all' : s };
  });

  app.get('/__admin/sessions', async () => ({ sessions: store.sessions() }));

  app.get('/__admin/keys', async () => {
    const k = model.keys;
    return {
      appId: k.appId,
      alipayPublicKey: k.alipayPublicKeyBase64,
      alipayPublicKeyPem: publicKeyToPem(k.alipayPublicKey),
      appPublicKey: k.appPublicKeyBase64,
      ...(k.certs
        ? {
            certs: {
              alipayCertSn: k.certs.alipayCertSn,
              alipayRootCertSn: k.certs.rootCertSn,
              appCertSn: k.certs.appCertSn,
            },
          }
        : {}),
    };
  });

  // ── clock ────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/__admin/clock', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    return { now: new Date(store.now(s)).toISOString() };
  });
  app.post('/__admin/clock', { schema: { body: S.clockBody } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    keep(request, request.body);
    const moved = store.advanceClock(s, (request.body as { advanceMs: number }).advanceMs);
    if (!moved.ok) return sendError(reply, 'OUT_OF_RANGE', moved.reason);
    return { now: new Date(moved.value).toISOString() };
  });

  // ── apps ─────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/__admin/apps', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    return { apps: store.appIds(s).map((id) => store.app(s, id)) };
  });
  app.post('/__admin/apps', { schema: { body: S.appCreateBody } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    keep(request, request.body);
    const body = request.body as Body & { appId: string };
    const bad = aesKeyProblem(body);
    if (bad) return sendError(reply, 'VALIDATION_FAILED', bad);
    const existed = store.app(s, body.appId) !== undefined;
    const room = appRoom(s, body.appId);
    if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
    const created = store.patchApp(s, body.appId, patchOf(body), true);
    return reply.code(existed ? 200 : 201).send(created);
  });
  app.get(
    '/__admin/apps/:appId',
    { schema: { querystring: S.sessionQuery, params: appIdParams } },
    async (request, reply) => {
      const s = session(request, reply);
      if (s === undefined) return reply;
      const { appId } = request.params as { appId: string };
      return store.app(s, appId) ?? sendError(reply, 'UNKNOWN_APP', `no app "${appId}" in this session`);
    },
  );
  app.patch(
    '/__admin/apps/:appId',
    { schema: { body: S.appPatchBody, params: appIdParams } },
    async (request, reply) => {
      const s = session(request, reply);
      if (s === undefined) return reply;
      keep(request, request.body);
      const { appId } = request.params as { appId: string };
      const bad = aesKeyProblem(request.body as Body);
      if (bad) return sendError(reply, 'VALIDATION_FAILED', bad);
      const room = appRoom(s, appId);
      if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
      return (
        store.patchApp(s, appId, patchOf(request.body as Body)) ??
        sendError(reply, 'UNKNOWN_APP', `no app "${appId}": create it with POST /__admin/apps`)
      );
    },
  );

  // ── users ────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/__admin/users', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    return { users: store.users(s) };
  });
  app.post('/__admin/users', { schema: { body: S.userCreateBody } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    keep(request, request.body);
    const b = request.body as Body & {
      userId?: string;
      mobile?: string;
      noMobile?: boolean;
      nickName?: string;
      count?: number;
      consent?: 'allow' | 'none';
      appId?: string;
    };
    if (b.count !== undefined && b.count > 1 && b.userId !== undefined) {
      return sendError(reply, 'VALIDATION_FAILED', 'body: give either "userId" or "count" > 1, not both');
    }
    const appId = b.appId ?? store.defaultAppId;
    if (b.consent === 'allow' && !store.app(s, appId))
      return sendError(reply, 'UNKNOWN_APP', `no app "${appId}" in this session`);
    const count = b.count ?? 1;
    const room = store.room(s, 'users', count);
    if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
    if (b.consent === 'allow') {
      const consents = store.room(s, 'consents', count);
      if (!consents.ok) return sendError(reply, 'LIMIT_REACHED', consents.reason);
    }
    const users = Array.from({ length: count }, () => {
      const u = store.addUser(s, {
        ...(b.userId !== undefined ? { userId: b.userId } : {}),
        ...(b.mobile !== undefined ? { mobile: b.mobile } : {}),
        ...(b.noMobile !== undefined ? { noMobile: b.noMobile } : {}),
        ...(b.nickName !== undefined ? { nickName: b.nickName } : {}),
      });
      if (b.consent === 'allow') {
        const ttl = store.app(s, appId)?.consentTtlMs ?? null;
        const now = store.now(s);
        store.setConsent(s, appId, u.userId, {
          decision: 'allow',
          at: now,
          expiresAt: ttl === null ? null : now + ttl,
        });
      }
      return u;
    });
    if (users.length === 1) amendCall(request, { userId: users[0]?.userId });
    return reply.code(201).send({ users });
  });
  app.get(
    '/__admin/users/:userId',
    { schema: { querystring: S.sessionQuery, params: userIdParams } },
    async (request, reply) => {
      const s = session(request, reply);
      if (s === undefined) return reply;
      const { userId } = request.params as { userId: string };
      return store.user(s, userId) ?? sendError(reply, 'UNKNOWN_USER', `no member "${userId}" in this session`);
    },
  );

  // ── consents ─────────────────────────────────────────────────────────────────────────────────────────────────
  const consentView = (s: string, appId: string, userId: string) => {
    const c = store.consent(s, appId, userId);
    const now = store.now(s);
    return c
      ? {
          appId,
          userId,
          decision: c.decision,
          at: new Date(c.at).toISOString(),
          expiresAt: c.expiresAt === null ? null : new Date(c.expiresAt).toISOString(),
          valid: c.decision === 'allow' && (c.expiresAt === null || c.expiresAt > now),
        }
      : undefined;
  };
  app.get('/__admin/consents', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    return { consents: store.consents(s).map((c) => consentView(s, c.appId, c.userId)) };
  });
  app.post('/__admin/consents', { schema: { body: S.consentBody } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    keep(request, request.body);
    const b = request.body as Body & {
      appId?: string;
      userId?: string;
      decision: 'allow' | 'deny' | 'none';
      ttlMs?: number | null;
    };
    const appId = b.appId ?? store.defaultAppId;
    const userId = b.userId ?? DEMO_USER.userId;
    const app = store.app(s, appId);
    if (!app) return sendError(reply, 'UNKNOWN_APP', `no app "${appId}" in this session`);
    if (!store.user(s, userId)) return sendError(reply, 'UNKNOWN_USER', `no member "${userId}" in this session`);
    const room = consentRoom(s, appId, userId);
    if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
    const now = store.now(s);
    const ttl = b.ttlMs !== undefined ? b.ttlMs : app.consentTtlMs;
    store.setConsent(s, appId, userId, {
      decision: b.decision,
      at: now,
      expiresAt: b.decision === 'allow' && ttl !== null ? now + ttl : null,
    });
    return consentView(s, appId, userId);
  });
  app.post('/__admin/consents/expire', { schema: { body: S.consentExpireBody } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    keep(request, request.body);
    const b = request.body as Body & { appId?: string; userId?: string };
    const appId = b.appId ?? store.defaultAppId;
    const userId = b.userId ?? DEMO_USER.userId;
    const c = store.consent(s, appId, userId);
    if (c?.decision !== 'allow')
      return sendError(
        reply,
        'NO_CONSENT',
        `member "${userId}" has no consent for app "${appId}" in this session to expire`,
      );
    const room = consentRoom(s, appId, userId);
    if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
    const now = store.now(s);
    store.setConsent(s, appId, userId, { ...c, expiresAt: now - 1 });
    return consentView(s, appId, userId);
  });

  // ── rules ────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/__admin/rules', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    const q = request.query as { session?: string };
    return {
      rules: store
        .rules(q.session === undefined && request.headers['x-alimock-session'] === undefined ? undefined : s)
        .map(publicRule),
    };
  });
  app.post('/__admin/rules', { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    const parsed = parseRuleInput(request.body);
    if (!parsed.ok) return sendError(reply, 'VALIDATION_FAILED', parsed.reason);
    const input = parsed.value;
    keep(request, input);
    if (s !== GLOBAL && input.scope?.session !== undefined && input.scope.session !== s) {
      // a session sets up its own rules only: another session's scenario must never see them
      return sendError(
        reply,
        'VALIDATION_FAILED',
        `scope.session "${input.scope.session}" is not this request's session "${s}": leave it out or make them equal`,
      );
    }
    if (s !== GLOBAL && input.scope?.session === undefined) input.scope = { ...input.scope, session: s };
    const room = store.room(input.scope?.session ?? GLOBAL, 'rules', 1);
    if (!room.ok) return sendError(reply, 'LIMIT_REACHED', room.reason);
    const rule = store.addRule(input);
    amendCall(request, { rules: [rule.id] });
    return reply.code(201).send(publicRule(rule));
  });
  app.delete('/__admin/rules/:id', { schema: { params: ruleIdParams } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    const { id } = request.params as { id: string };
    return store.removeRule(id, s)
      ? { removed: 1 }
      : sendError(reply, 'UNKNOWN_RULE', `no rule "${id}"${s === GLOBAL ? '' : ' in this session'}`);
  });
  app.delete('/__admin/rules', { schema: { querystring: S.sessionQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    return { removed: store.clearRules(s) };
  });

  // ── journal ──────────────────────────────────────────────────────────────────────────────────────────────────
  const journalQueryOf = (request: FastifyRequest, s: string): JournalQuery => {
    // after/limit arrive as digit strings (see S.journalQuery)
    const q = request.query as { session?: string; api?: string; outcome?: string; after?: string; limit?: string };
    const explicit = q.session !== undefined || request.headers['x-alimock-session'] !== undefined;
    return {
      ...(explicit ? { session: s } : {}),
      ...(q.api !== undefined ? { api: q.api } : {}),
      ...(q.outcome !== undefined ? { outcome: q.outcome } : {}),
      ...(q.after !== undefined ? { after: Number(q.after) } : {}),
      ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
    };
  };
  app.get('/__admin/journal', { schema: { querystring: S.journalQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    skipJournal(request); // reading the journal is not itself journaled
    return { entries: store.journal.query(journalQueryOf(request, s)) };
  });
  app.get('/__admin/journal/count', { schema: { querystring: S.journalQuery } }, async (request, reply) => {
    const s = session(request, reply);
    if (s === undefined) return reply;
    skipJournal(request);
    return { count: store.journal.count(journalQueryOf(request, s)) };
  });
}

const appIdParams = { type: 'object', properties: { appId: S.idSchema }, required: ['appId'] } as const;
const userIdParams = { type: 'object', properties: { userId: S.idSchema }, required: ['userId'] } as const;
const ruleIdParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^rule-[0-9]{1,12}$' } },
  required: ['id'],
} as const;

/** An `aesKey` the gateway could not encrypt with, described; undefined when absent or usable. */
function aesKeyProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.aesKey !== 'string') return undefined;
  const key = decodeAesKey(body.aesKey);
  if (key.ok) return undefined;
  const bytes = Buffer.from(body.aesKey, 'base64').length;
  const got = key.reason === 'not-base64' ? 'is not Base64' : `decodes to ${bytes} bytes`;
  return `body.aesKey: ${got}; an AES key is 16, 24 or 32 bytes in Base64 (16 bytes: 24 characters ending in "=="), e.g. the console's AES-128 key. To model an unusable key use "aesKeyStatus": "unusable"`;
}
