/**
 * `GET /__admin/journal/stream?session=ID`: the journal live, as server-sent events. First the entries already kept
 * (those after `?after=` or the `Last-Event-ID` an EventSource sends when it reconnects; the newest 500 at most), then
 * each new entry as it is added. Every event is `id: <seq>`, `event: entry`, `data: <entry JSON>`; an entry that
 * carries an envelope also says what a backend holding the right keys finds in it (`check`: signed, verifies,
 * encrypted, decrypts, plaintext).
 *
 * Bounded: a few streams at once (past that 429 `TOO_MANY_STREAMS`), entries waiting to be written and bytes waiting
 * in the socket are capped (past them the stream ends, and the client resumes from its last id), and a stream lasts
 * at most 30 minutes (an EventSource reconnects by itself). A comment every 15 s keeps proxies from closing it.
 * Closing the gateway ends every stream. A read like the journal: needs the token when the gateway has one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import type { JournalEntry } from '../model/journal.js';
import { checkEnvelope } from '../playground/envelope-check.js';
import type { StreamedEntry } from '../playground/wire.js';
import { skipJournal } from './call-context.js';
import { sendError } from './errors.js';
import { sessionOf, sessionSchema } from './session.js';

export interface JournalStreamLimits {
  /** streams open at once (default 16) */
  maxStreams: number;
  /** entries sent from the journal when a stream opens (default 500) */
  backlog: number;
  /** entries waiting to be written before the stream is ended (default 2,000) */
  maxQueued: number;
  /** bytes waiting in the socket before the stream is ended (default 1 MiB) */
  maxBuffered: number;
  /** how long a stream lasts (default 30 minutes) */
  lifetimeMs: number;
  /** a comment line this often (default 15 s) */
  heartbeatMs: number;
}

export const DEFAULT_STREAM_LIMITS: JournalStreamLimits = Object.freeze({
  maxStreams: 16,
  backlog: 500,
  maxQueued: 2_000,
  maxBuffered: 1024 * 1024,
  lifetimeMs: 30 * 60_000,
  heartbeatMs: 15_000,
});

const streamQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    session: sessionSchema,
    after: { type: 'string', pattern: '^[0-9]{1,15}$', description: 'entries with seq > after' },
  },
} as const;

/** Entries already checked: every stream (and every reconnect's backlog) shares one RSA verify and AES decrypt. */
const decorated = new WeakMap<JournalEntry, StreamedEntry>();

/** The entry with its envelope checked against the gateway's keys and the session's app (once per entry). */
export function decorate(model: GatewayModel, entry: JournalEntry): StreamedEntry {
  if (entry.envelope === undefined) return entry;
  const known = decorated.get(entry);
  if (known) return known;
  const app = model.store.app(entry.session, entry.appId ?? model.store.defaultAppId);
  const check = checkEnvelope(entry.envelope, {
    alipayPublicKey: model.keys.alipayPublicKey,
    aesKey: app?.aesKey ?? model.keys.aesKey,
    ...(app?.signType ? { signType: app.signType } : {}),
  });
  const streamed = { ...entry, check };
  decorated.set(entry, streamed);
  return streamed;
}

function afterOf(request: FastifyRequest): number | undefined {
  const q = (request.query as { after?: string }).after;
  const header = request.headers['last-event-id'];
  const raw = q ?? (typeof header === 'string' && /^[0-9]{1,15}$/.test(header) ? header : undefined);
  return raw === undefined ? undefined : Number(raw);
}

export function journalStreamRoutes(
  app: FastifyInstance,
  model: GatewayModel,
  limits: Partial<JournalStreamLimits> = {},
): void {
  const bounds = { ...DEFAULT_STREAM_LIMITS, ...limits };
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of [...open]) close();
    done();
  });

  app.get('/__admin/journal/stream', { schema: { querystring: streamQuery } }, (request, reply) => {
    skipJournal(request); // reading the journal is not itself journaled
    const s = sessionOf(request);
    if (!s.ok) return sendError(reply, 'BAD_SESSION', s.reason);
    const q = request.query as { session?: string };
    const explicit = q.session !== undefined || request.headers['x-alimock-session'] !== undefined;
    const session = explicit ? s.value : undefined;
    if (open.size >= bounds.maxStreams)
      return sendError(
        reply,
        'TOO_MANY_STREAMS',
        `${open.size} journal streams are open, the gateway's limit: close one and try again`,
      );
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    raw.write(
      `: alimock journal${session === undefined ? '' : ` of session ${session || '(global)'}`}\nretry: 2000\n\n`,
    );

    let closed = false;
    let queue: JournalEntry[] = [];
    let scheduled = false;
    const matches = (e: JournalEntry) => session === undefined || e.session === session;
    const send = (e: JournalEntry) =>
      raw.write(`id: ${e.seq}\nevent: entry\ndata: ${JSON.stringify(decorate(model, e))}\n\n`);
    const close = () => {
      if (closed) return;
      closed = true;
      open.delete(close);
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      queue = [];
      raw.end();
    };
    const flush = () => {
      scheduled = false;
      if (closed) return;
      const batch = queue;
      queue = [];
      for (const e of batch) {
        if (raw.writableLength > bounds.maxBuffered) return close();
        send(e);
      }
    };
    // new entries are written after the call that added them has been answered: never on a request's hot path
    const unsubscribe = model.store.journal.subscribe((e) => {
      if (closed || !matches(e)) return;
      if (queue.length >= bounds.maxQueued) return close();
      queue.push(e);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    const heartbeat = setInterval(() => {
      if (raw.writableLength > bounds.maxBuffered) close();
      else raw.write(': ping\n\n');
    }, bounds.heartbeatMs);
    heartbeat.unref();
    const lifetime = setTimeout(close, bounds.lifetimeMs);
    lifetime.unref();
    open.add(close);
    request.raw.on('close', close);
    raw.on('error', close);

    const after = afterOf(request);
    const backlog = model.store.journal.query({
      ...(session !== undefined ? { session } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: bounds.backlog,
    });
    for (const e of backlog) send(e);
    return undefined;
  });
}
