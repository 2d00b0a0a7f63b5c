import type { FastifyRequest } from 'fastify';
import { GLOBAL } from '../model/store.js';

export const SESSION_HEADER = 'x-alimock-session';
export const SESSION_PATTERN = '^[A-Za-z0-9._:-]{1,128}$';
const SESSION_RE = new RegExp(SESSION_PATTERN);

/** JSON-schema fragment for a `session` field. */
export const sessionSchema = { type: 'string', pattern: SESSION_PATTERN } as const;

export type SessionResult = { ok: true; value: string } | { ok: false; reason: string };

/** The session a request belongs to: header, then body `session`, then `?session=`; none → the global layer. */
export function sessionOf(request: FastifyRequest): SessionResult {
  const header = request.headers[SESSION_HEADER];
  const body = request.body as { session?: unknown } | undefined;
  const query = request.query as { session?: unknown } | undefined;
  const raw =
    (typeof header === 'string' ? header : undefined) ??
    (body && typeof body === 'object' ? body.session : undefined) ??
    (query && typeof query === 'object' ? query.session : undefined);
  if (raw === undefined || raw === '') return { ok: true, value: GLOBAL };
  if (typeof raw !== 'string' || !SESSION_RE.test(raw)) {
    // describe the value without serialising it whole: it may be huge or nested thousands of levels deep
    const shown =
      typeof raw === 'string'
        ? JSON.stringify(raw.slice(0, 60))
        : `(${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`})`;
    return { ok: false, reason: `session ${shown} is not valid: use 1-128 characters of A-Z a-z 0-9 . _ : -` };
  }
  return { ok: true, value: raw };
}
