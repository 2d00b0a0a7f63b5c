import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import type { CallRecord, JournalEntry } from '../model/journal.js';
import type { FaultDecision } from '../model/rules.js';
import { errorBody } from './errors.js';

export type { CallRecord };

/**
 * The call a handler describes for the journal, per request (kept beside the request, not on Fastify's types):
 * `null` once it is journaled, or when the request is not to be journaled.
 */
const calls = new WeakMap<FastifyRequest, CallRecord | null>();

/** Describes the call this request makes, for the journal (replacing an earlier description). */
export function describeCall(request: FastifyRequest, call: CallRecord): void {
  if (calls.get(request) !== null) calls.set(request, call);
}

/** Adds to the described call (rules fired, a fault, the member a code was issued for). */
export function amendCall(request: FastifyRequest, patch: Partial<CallRecord>): void {
  const call = calls.get(request);
  if (call) calls.set(request, { ...call, ...patch });
}

/** This request is not journaled (reading the journal is not itself a call). */
export function skipJournal(request: FastifyRequest): void {
  calls.set(request, null);
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

const NO_EXTRA: Partial<CallRecord> = Object.freeze({});

/**
 * Adds a call to the journal. Every entry is built by this one literal with every field present: one object shape
 * for all entries, so that the hot path creates it without map transitions (absent fields stay undefined, which
 * JSON leaves out).
 */
export function journalCall(
  model: GatewayModel,
  request: FastifyRequest,
  status: number,
  /** Fastify's `reply.elapsedTime`: ms since the request arrived */
  elapsedMs: number,
  call: CallRecord,
): void {
  const entry: JournalEntry = {
    seq: 0,
    at: isoTime(model.clock.now()),
    session: call.session,
    api: call.api,
    method: request.method,
    url: request.url,
    status,
    durationMs: Math.round(elapsedMs * 100) / 100,
    appId: call.appId,
    userId: call.userId,
    outcome: call.outcome,
    variant: call.variant,
    envelope: call.envelope,
    plaintext: call.plaintext,
    rules: call.rules,
    fault: call.fault,
    error: call.error,
    request: call.request,
    target: call.target,
    answerStatus: call.answerStatus,
    answer: call.answer,
    role: call.role,
    verdict: call.verdict,
  };
  model.store.journal.add(entry);
}

/** Journals the call a handler described (describeCall), once. */
export function journalFor(
  model: GatewayModel,
  request: FastifyRequest,
  status: number,
  /** Fastify's `reply.elapsedTime`: ms since the request arrived */
  elapsedMs: number,
  extra: Partial<CallRecord> = NO_EXTRA,
): void {
  const call = calls.get(request);
  if (!call) return;
  calls.set(request, null);
  journalCall(model, request, status, elapsedMs, extra === NO_EXTRA ? call : { ...call, ...extra });
}

/** The hook that journals the calls a handler described, with Fastify's own timing. */
export function installJournal(app: FastifyInstance, model: GatewayModel): void {
  // a callback-style hook: it runs on every request, and an async hook costs a promise and a microtask each
  app.addHook('onResponse', (request, reply, done) => {
    journalFor(model, request, reply.statusCode, reply.elapsedTime);
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
    amendCall(request, { fault: `status ${t.status}` });
    return true;
  }
  reply.hijack();
  const socket = request.raw.socket;
  if (t.kind === 'reset') {
    journalFor(model, request, 0, reply.elapsedTime, { fault: 'reset' });
    socket.resetAndDestroy?.() ?? socket.destroy();
    return true;
  }
  journalFor(model, request, 0, reply.elapsedTime, { fault: 'no-answer' });
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
