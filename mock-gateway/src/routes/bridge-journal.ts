/**
 * A page's my.request through the bridge, in the journal (api `request`): in the page's session (the runtime sends
 * `x-alimock-session`), with the method and URL that answered (after any redirects), the body it carried, the backend's answer, and — from
 * the host's judge — whether it was the phone request and the verdict a scenario would give it. Bounded like every
 * journal field.
 */
import type { FastifyRequest } from 'fastify';
import type { BridgeOutcome, BridgeRequest, SentRequest } from '../bridge/bridge-request.js';
import type { GatewayModel } from '../model/gateway-model.js';
import type { JournalVerdict } from '../model/journal.js';
import { GLOBAL } from '../model/store.js';
import type { BridgeExchange, ExchangeJudgement } from '../playground/hooks.js';
import { carriesEnvelope } from '../protocol/envelope-in-request.js';
import { type CallRecord, describeCall } from './call-context.js';
import { sessionOf } from './session.js';

export type BridgeExchangeJudge = (exchange: BridgeExchange) => ExchangeJudgement | Promise<ExchangeJudgement>;

/** Envelopes of the session looked at to recognise the phone request. */
const RECENT_ENVELOPES = 20;
/** Characters kept of a verdict's message. */
const VERDICT_TEXT = 300;

function clipVerdict(v: JournalVerdict): JournalVerdict {
  const cut = (t: string) => (t.length > VERDICT_TEXT ? `${t.slice(0, VERDICT_TEXT)}…` : t);
  if (v.kind === 'crashed') return { kind: 'crashed', reason: cut(v.reason) };
  if (v.kind === 'rejected')
    return { kind: 'rejected', code: cut(v.code), ...(v.message !== undefined ? { message: cut(v.message) } : {}) };
  return { kind: 'accepted', mobile: cut(v.mobile) };
}

/** A value as text for the journal; one too deeply nested to write out is said so (never a thrown RangeError). */
function textOf(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  try {
    return JSON.stringify(data);
  } catch {
    return '(a value too deeply nested to show)';
  }
}

/** The envelopes my.getPhoneNumber gave the session lately, each once (the envelope cache repeats them). */
function envelopesOf(model: GatewayModel, session: string): string[] {
  const recent = model.store.journal.query({ session, api: 'getPhoneNumber', limit: RECENT_ENVELOPES });
  return [...new Set(recent.flatMap((e) => (e.envelope ? [e.envelope] : [])))];
}

/** The page's request when the bridge refused it before sending: its method and URL as asked, nothing carried. */
function unsent(body: BridgeRequest, url: URL): SentRequest {
  return { method: (body.method ?? 'GET').toUpperCase(), url: url.href, headers: {}, body: '' };
}

/**
 * Describes the exchange for the journal (the journal hook writes it when the answer leaves): the request as the
 * bridge sent it, and where it was answered.
 */
export async function journalBridge(
  model: GatewayModel,
  request: FastifyRequest,
  body: BridgeRequest,
  url: URL,
  outcome: BridgeOutcome,
  judge: BridgeExchangeJudge | undefined,
): Promise<void> {
  const s = sessionOf(request);
  const session = s.ok ? s.value : GLOBAL;
  const sent = outcome.sent ? outcome.request : unsent(body, url);
  const last = outcome.sent ? outcome.last : sent;
  const { answer } = outcome;
  const envelopes = envelopesOf(model, session);
  const exchange: BridgeExchange = {
    session,
    method: sent.method,
    url: sent.url,
    headers: sent.headers,
    body: sent.body,
    carriesEnvelope: carriesEnvelope(`${sent.body}\n${sent.url}`, envelopes),
    ...(answer.ok ? { response: { status: answer.status, body: textOf(answer.data) } } : {}),
    ...(!answer.ok ? { error: answer.error === 13 ? '超时 (timeout)' : `网络出错: ${answer.detail}` } : {}),
  };
  let judged: ExchangeJudgement = { role: exchange.carriesEnvelope ? 'phone' : 'other' };
  if (judge) {
    try {
      judged = await judge(exchange);
    } catch {
      // a host's judge that fails leaves the exchange unjudged: the journal still shows it
    }
  }
  const call: CallRecord = {
    api: 'request',
    session,
    target: `${last.method} ${last.url}`,
    request: sent.body,
    role: judged.role,
    ...(exchange.response ? { answerStatus: exchange.response.status, answer: exchange.response.body } : {}),
    ...(exchange.error !== undefined ? { error: exchange.error } : {}),
    ...(judged.verdict ? { verdict: clipVerdict(judged.verdict) } : {}),
  };
  describeCall(request, call);
}

/** A request the bridge refused to carry (a URL it cannot read, a target it may not reach), in the journal. */
export function journalRefusal(
  model: GatewayModel,
  request: FastifyRequest,
  body: BridgeRequest,
  reason: string,
): void {
  const s = sessionOf(request);
  const session = s.ok ? s.value : GLOBAL;
  const sent = textOf(body.data);
  describeCall(request, {
    api: 'request',
    session,
    target: `${(body.method ?? 'GET').toUpperCase()} ${body.url || '(no URL)'}`,
    request: sent,
    role: carriesEnvelope(sent, envelopesOf(model, session)) ? 'phone' : 'other',
    error: `refused: ${reason}`,
  });
}
