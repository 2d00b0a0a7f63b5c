/**
 * The one way a route performs a page's `my.request` (`POST /stub/request`, `POST /mp/<id>/request`): the URL must
 * be one the bridge may reach (never the gateway itself), the request and the answer are bounded, and a refusal is a
 * catalogue error naming the limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type BridgeLimits,
  type BridgeRequest,
  type BridgeResponse,
  parseTargetUrl,
  sendBridgeRequest,
} from '../bridge/bridge-request.js';
import type { BridgeTargetRule } from '../bridge/bridge-targets.js';
import type { GatewayModel } from '../model/gateway-model.js';
import { type BridgeExchangeJudge, journalBridge, journalRefusal } from './bridge-journal.js';
import { sendError } from './errors.js';

export interface BridgeRouteOptions {
  rule: BridgeTargetRule;
  defaultTimeoutMs: number;
  limits?: Partial<BridgeLimits>;
  /** the gateway's state: the exchange is journaled in the page's session (header x-alimock-session) */
  model?: GatewayModel;
  /** what the host makes of the exchange (phone/login, and the verdict) */
  judge?: BridgeExchangeJudge;
}

/** Performs `body` (already mapped to where it really goes) and answers it; refusals are catalogue errors. */
export async function answerBridge(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  body: BridgeRequest,
  opts: BridgeRouteOptions,
): Promise<BridgeResponse | FastifyReply> {
  const target = parseTargetUrl(body.url);
  if (!target.ok) {
    if (opts.model) journalRefusal(opts.model, request, body, target.reason);
    return sendError(reply, 'BAD_REQUEST', target.reason);
  }
  const address = app.server.address();
  const self = {
    port: typeof address === 'object' && address ? address.port : undefined,
    host: request.headers.host,
  };
  const refused = opts.rule.check(target.url, self);
  if (refused) {
    if (opts.model) journalRefusal(opts.model, request, body, refused);
    return sendError(reply, 'BRIDGE_TARGET_REFUSED', refused);
  }
  const outcome = await sendBridgeRequest(body, target.url, opts.defaultTimeoutMs, {
    allow: (url) => opts.rule.check(url, self),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  if (opts.model) await journalBridge(opts.model, request, body, target.url, outcome, opts.judge);
  const { answer } = outcome;
  if (answer.ok || answer.error !== 12 || answer.refused === undefined) return answer;
  if (answer.refused === 'request') return sendError(reply, 'BAD_REQUEST', answer.detail);
  if (answer.refused === 'target') return sendError(reply, 'BRIDGE_TARGET_REFUSED', answer.detail);
  return sendError(reply, 'BRIDGE_ANSWER_REFUSED', answer.detail);
}
