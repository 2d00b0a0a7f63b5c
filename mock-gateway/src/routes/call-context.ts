import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import type { JournalEntry } from '../model/journal.js';
import type { FaultDecision } from '../model/rules.js';
import { errorBody } from './errors.js';

/** What a handler learned about a call, written to the journal once the answer is sent. */
export type CallRecord = Partial<Omit<JournalEntry, 'seq' | 'at' | 'method' | 'url' | 'status' | 'durationMs'>> & {
  api: string;
  session: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    alimockCall?: CallRecord;
    alimockStart?: number;
    alimockJournaled?: boolean;
  }
}

let lastMs = Number.NaN;
let lastIso = '';

/** `new Date(ms).toISOString()`, memoised for the last millisecond (many calls share one under load). */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

export function journalFor(
  model: GatewayModel,
  request: FastifyRequest,
  status: number,
  extra: Partial<CallRecord> = {},
): void {
  const call = request.alimockCall;
  if (!call || request.alimockJournaled) return;
  request.alimockJournaled = true;
  const start = request.alimockStart ?? performance.now();
  model.store.journal.add({
    ...call,
    ...extra,
    at: isoTime(model.clock.now()),
    method: request.method,
    url: request.url,
    status,
    durationMs: Math.round((performance.now() - start) * 100) / 100,
  });
}

/** Hooks that time every call and journal those a handler described. */
export function installJournal(app: FastifyInstance, model: GatewayModel): void {
  // callback-style hooks: they run on every request, and an async hook costs a promise and a microtask each
  app.addHook('onRequest', (request, _reply, done) => {
    request.alimockStart = performance.now();
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    journalFor(model, request, reply.statusCode);
    done();
  });
}

const MAX_LATENCY_MS = 120_000;
const DEFAULT_HOLD_MS = 10 * 60_000;

/** Sockets held open by `no-answer`, so that closing the gateway does not wait for them. */
const held = new WeakMap<FastifyInstance, Set<() => void>>();

export function releaseHeld(app: FastifyInstance): void {
  for (const release of held.get(app) ?? []) release();
}

/**
 * Applies a decision's transport faults. Returns true when the call is finished (status, reset or no-answer).
 */
export async function applyTransportFaults(
  app: FastifyInstance,
  model: GatewayModel,
  request: FastifyRequest,
  reply: FastifyReply,
  faults: FaultDecision,
): Promise<boolean> {
  if (faults.latencyMs > 0) {
    // unref'd: a request waiting out a long latency must not keep a closed gateway's process alive
    await new Promise((r) => setTimeout(r, Math.min(faults.latencyMs, MAX_LATENCY_MS)).unref());
  }
  const t = faults.transport;
  if (!t) return false;
  if (t.kind === 'status') {
    if (t.body !== undefined) {
      reply.code(t.status).type('text/plain; charset=utf-8').send(t.body);
    } else if (t.status >= 400) {
      reply.code(t.status).send(errorBody('INJECTED_STATUS', `a fault rule answered HTTP ${t.status}`));
    } else {
      reply.code(t.status).send({ injected: true });
    }
    request.alimockCall = { ...(request.alimockCall as CallRecord), fault: `status ${t.status}` };
    return true;
  }
  reply.hijack();
  const socket = request.raw.socket;
  if (t.kind === 'reset') {
    journalFor(model, request, 0, { fault: 'reset' });
    socket.resetAndDestroy?.() ?? socket.destroy();
    return true;
  }
  journalFor(model, request, 0, { fault: 'no-answer' });
  let set = held.get(app);
  if (!set) {
    set = new Set();
    held.set(app, set);
  }
  const registry = set;
  const release = () => {
    clearTimeout(timer);
    registry.delete(release);
    socket.destroy();
  };
  const timer = setTimeout(release, t.holdMs ?? DEFAULT_HOLD_MS);
  registry.add(release);
  socket.once('close', () => {
    clearTimeout(timer);
    registry.delete(release);
  });
  return true;
}
