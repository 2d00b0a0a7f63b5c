import type { FastifyRequest } from 'fastify';
import { SESSION_ID_RULE, SESSION_PATTERN, SESSION_RE } from '../model/session-id.js';
import { GLOBAL } from '../model/store.js';

export const SESSION_HEADER = 'x-alimock-session';

/** JSON-schema fragment for a `session` field. */
export const sessionSchema = { type: 'string', pattern: SESSION_PATTERN } as const;

export type SessionResult = { ok: true; value: string } | { ok: false; reason: string };

const RULE = `use ${SESSION_ID_RULE}, or leave the session out for the global state`;

/** A value shown in a message without serialising it whole: it may be huge or nested thousands of levels deep. */
function shown(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.slice(0, 60));
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return '(an array)';
  return typeof raw === 'object' ? '(an object)' : `(a ${typeof raw})`;
}

/** Checks one given form of a session id: present means a valid id (never "", blank or null). */
export function checkSessionId(raw: unknown, where: string): SessionResult {
  if (typeof raw === 'string' && SESSION_RE.test(raw)) return { ok: true, value: raw };
  const why = raw === '' || (typeof raw === 'string' && raw.trim() === '') ? ' (empty)' : '';
  return { ok: false, reason: `${where} ${shown(raw)} is not a valid session${why}: ${RULE}` };
}

const hasOwn = (v: unknown, key: string): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, key);

/**
 * The session a request belongs to, from the `x-alimock-session` header, a body `session` field or `?session=`.
 * A form that is present must hold a valid id: `""`, a blank header or `null` are refused, never read as "no
 * session" (which is the global state, shared by every session). Forms that disagree are refused. None → global.
 */
export function sessionOf(request: FastifyRequest): SessionResult {
  const header = request.headers[SESSION_HEADER];
  const body = request.body;
  const query = request.query;
  // the common cases first, without allocating: one form or none (the hot path calls this on every request)
  let result: SessionResult | undefined;
  let where = '';
  if (header !== undefined) {
    // repeated headers arrive as an array: refused like any other invalid value
    where = `header ${SESSION_HEADER}`;
    result = checkSessionId(header, where);
    if (!result.ok) return result;
  }
  if (hasOwn(body, 'session')) {
    const next = agree(result, where, body.session, 'body field "session"');
    if (!next.ok) return next;
    result = next;
    where = 'body field "session"';
  }
  if (hasOwn(query, 'session')) {
    const next = agree(result, where, query.session, 'query ?session=');
    if (!next.ok) return next;
    result = next;
  }
  return result ?? GLOBAL_SESSION;
}

const GLOBAL_SESSION: SessionResult = Object.freeze({ ok: true, value: GLOBAL }) as SessionResult;

/** Another form of the session: valid, and the same id as the one already found (if any). */
function agree(found: SessionResult | undefined, foundWhere: string, raw: unknown, where: string): SessionResult {
  const checked = checkSessionId(raw, where);
  if (!checked.ok || found === undefined || !found.ok || found.value === checked.value) return checked;
  return {
    ok: false,
    reason: `${foundWhere} says ${JSON.stringify(found.value)} but ${where} says ${JSON.stringify(checked.value)}: give one session`,
  };
}
