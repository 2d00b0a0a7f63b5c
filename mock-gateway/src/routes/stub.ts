/**
 * `/stub/`: the FAQ sample page (a mini-program project the caller mounts as `faq-sample`, see /mp/<id>/), kept at
 * its published address, and `POST /stub/request`, the `my.request` bridge of pages that are not mounted projects.
 */
import type { FastifyInstance } from 'fastify';
import {
  type BridgeLimits,
  type BridgeRequest,
  bridgeRequestSchema,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from '../bridge/bridge-request.js';
import { bridgeTargetRule } from '../bridge/bridge-targets.js';
import type { GatewayModel } from '../model/gateway-model.js';
import type { BridgeExchangeJudge } from './bridge-journal.js';
import { answerBridge } from './bridge-route.js';
import { sendError } from './errors.js';
import { jsonOnly } from './json-body.js';
import { MINI_PROGRAM_BASE, type MiniProgramRegistry } from './mini-program.js';

export interface StubRoutesOptions {
  /** Default timeout of `my.request` when the page gives none (capped at 60 s). Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * Origins the `my.request` bridge may reach (e.g. `http://127.0.0.1:8080`); default: loopback addresses only.
   * The gateway's own origin is never reached.
   */
  bridgeTargets?: readonly string[];
  /** bounds of what the bridge carries (answer size, nesting, redirects) */
  bridgeLimits?: Partial<BridgeLimits>;
  /** where the FAQ sample page is mounted (as `faq-sample`) */
  registry?: MiniProgramRegistry;
  /** the gateway's state: each exchange is journaled in the page's session */
  model?: GatewayModel;
  /** what the host makes of an exchange (phone/login, the verdict) */
  judge?: BridgeExchangeJudge;
}

/** The mount id of the FAQ sample page that `/stub/` shows. */
export const SAMPLE_ID = 'faq-sample';
/** Where the FAQ sample page is served. */
export const SAMPLE_PAGE_PATH = `${MINI_PROGRAM_BASE}/${SAMPLE_ID}/`;

export async function stubRoutes(app: FastifyInstance, opts: StubRoutesOptions): Promise<void> {
  const defaultTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const rule = bridgeTargetRule(opts.bridgeTargets);
  // the bridge reads JSON only: a form post (what any web page can send without asking) is refused with 415
  jsonOnly(app);

  for (const path of ['/stub', '/stub/', '/stub/index.html']) {
    app.get(path, async (request, reply) => {
      if (!opts.registry?.has(SAMPLE_ID))
        return sendError(
          reply,
          'NOT_FOUND',
          'the FAQ sample page is not mounted on this gateway: `alimock serve` and the test fixtures mount it (or mount one with miniProgramsOf(app).mount)',
        );
      const q = request.url.indexOf('?');
      return reply.redirect(`${SAMPLE_PAGE_PATH}${q >= 0 ? request.url.slice(q) : ''}`);
    });
  }

  app.post<{ Body: BridgeRequest }>(
    '/stub/request',
    { schema: { body: bridgeRequestSchema } },
    async (request, reply) =>
      answerBridge(app, request, reply, request.body, {
        rule,
        defaultTimeoutMs,
        ...(opts.bridgeLimits ? { limits: opts.bridgeLimits } : {}),
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.judge ? { judge: opts.judge } : {}),
      }),
  );
}
