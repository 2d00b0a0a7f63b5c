/**
 * The playground at `/`: the phone (a mounted page in a frame) next to the controls of one session, the live
 * journal, the payload inspector and "save as scenario". The page is static; it works through the admin API
 * (`GET /__admin/playground` says what it runs with). Its frame shows only this gateway's own pages, and the
 * playground itself may not be framed by another site.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { GatewayModel } from '../model/gateway-model.js';
import { DEMO_USER } from '../model/users.js';
import { packageVersion } from '../package-root.js';
import { loadPlaygroundAssets } from '../playground/assets.js';
import type { PlaygroundOptions } from '../playground/hooks.js';
import { playgroundHtml } from '../playground/page-html.js';
import type { PlaygroundConfig } from '../playground/wire.js';
import { TAMPERINGS } from '../protocol/tamper.js';
import { sendError } from './errors.js';
import { SAMPLE_PAGE_PATH } from './stub.js';

export interface PlaygroundRouteOptions {
  model: GatewayModel;
  playground: PlaygroundOptions;
  /** the gateway requires a token (the page says so) */
  tokenInUse: boolean;
  /** POST /__admin/inspect is served */
  inspector: boolean;
  /** the host builds the pages' backend requests from its contract */
  contractRequests: boolean;
}

/** The FAQ sample page's address on every gateway that mounts it. */

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function secured(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
}

export function playgroundRoutes(app: FastifyInstance, opts: PlaygroundRouteOptions): void {
  const version = packageVersion();
  const html = playgroundHtml(version);

  app.get('/', async (_request, reply) =>
    secured(reply).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
  );

  for (const [name, type] of [
    ['playground.js', 'text/javascript; charset=utf-8'],
    ['playground.css', 'text/css; charset=utf-8'],
  ] as const) {
    app.get(`/__playground/${name}`, async (_request, reply) => {
      const assets = await loadPlaygroundAssets();
      if (!assets.ok) return sendError(reply, 'NOT_FOUND', assets.reason);
      return secured(reply)
        .type(type)
        .header('cache-control', 'public, max-age=600')
        .send(name === 'playground.js' ? assets.value.js : assets.value.css);
    });
  }

  app.get('/__admin/playground', async (): Promise<PlaygroundConfig> => {
    const p = opts.playground;
    return {
      version,
      appId: opts.model.store.defaultAppId,
      demoUserId: DEMO_USER.userId,
      pagePath: p.pagePath ?? SAMPLE_PAGE_PATH,
      ...(p.targetUrl !== undefined ? { targetUrl: p.targetUrl } : {}),
      loginOnLaunch: p.loginOnLaunch === true,
      ...(p.source !== undefined ? { source: p.source } : {}),
      ...(p.phoneButton !== undefined ? { phoneButton: p.phoneButton } : {}),
      tokenInUse: opts.tokenInUse,
      inspector: opts.inspector,
      contractRequests: opts.contractRequests,
      tamperings: [...TAMPERINGS],
    };
  });
}
