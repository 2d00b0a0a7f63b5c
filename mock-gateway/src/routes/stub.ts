import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { findPackageRoot } from '../package-root.js';
import { bridgeTargetRule } from './bridge-targets.js';
import { sendError } from './errors.js';
import { jsonOnly } from './json-body.js';
import {
  type BridgeLimits,
  type BridgeRequest,
  bridgeRequestSchema,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseTargetUrl,
  performBridgeRequest,
} from './stub-proxy.js';

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
}

export { findPackageRoot };

/** `<root>/mock-gateway/assets/stub`, the same from `src/` (vitest) and from `dist/` (compiled). */
export function stubAssetsDir(fromUrl: string = import.meta.url): string {
  return join(findPackageRoot(fromUrl), 'mock-gateway', 'assets', 'stub');
}

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/** The only files served: URL path → file in the assets dir and its content type. */
export const STUB_ASSETS: Readonly<Record<string, { file: string; contentType: string }>> = {
  '/stub/': { file: 'index.html', contentType: HTML },
  '/stub/index.html': { file: 'index.html', contentType: HTML },
  '/stub/runtime.js': { file: 'runtime.js', contentType: JS },
  '/stub/style.css': { file: 'style.css', contentType: 'text/css; charset=utf-8' },
  '/stub/pages/faq-sample.js': { file: join('pages', 'faq-sample.js'), contentType: JS },
  '/stub/my.d.ts': { file: 'my.d.ts', contentType: 'text/plain; charset=utf-8' },
};

export async function stubRoutes(app: FastifyInstance, opts: StubRoutesOptions): Promise<void> {
  const assetsDir = stubAssetsDir();
  const defaultTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const rule = bridgeTargetRule(opts.bridgeTargets);
  // the bridge reads JSON only: a form post (what any web page can send without asking) is refused with 415
  jsonOnly(app);

  for (const [path, asset] of Object.entries(STUB_ASSETS)) {
    const filePath = join(assetsDir, asset.file);
    let cached: Buffer | undefined;
    app.get(path, async (_request, reply) => {
      // read once per process; the browser may keep them a minute (a scenario's page then loads from its cache)
      cached ??= await readFile(filePath);
      return reply
        .type(asset.contentType)
        .header('cache-control', 'public, max-age=60')
        .header('x-content-type-options', 'nosniff')
        .send(cached);
    });
  }

  app.post<{ Body: BridgeRequest }>(
    '/stub/request',
    { schema: { body: bridgeRequestSchema } },
    async (request, reply) => {
      const target = parseTargetUrl(request.body.url);
      if (!target.ok) return sendError(reply, 'BAD_REQUEST', target.reason);
      const address = app.server.address();
      const self = {
        port: typeof address === 'object' && address ? address.port : undefined,
        host: request.headers.host,
      };
      const refused = rule.check(target.url, self);
      if (refused) return sendError(reply, 'BRIDGE_TARGET_REFUSED', refused);
      const answer = await performBridgeRequest(request.body, target.url, defaultTimeoutMs, {
        allow: (url) => rule.check(url, self),
        ...(opts.bridgeLimits ? { limits: opts.bridgeLimits } : {}),
      });
      if (answer.ok || answer.error !== 12 || answer.refused === undefined) return answer;
      if (answer.refused === 'request') return sendError(reply, 'BAD_REQUEST', answer.detail);
      if (answer.refused === 'target') return sendError(reply, 'BRIDGE_TARGET_REFUSED', answer.detail);
      return sendError(reply, 'BRIDGE_ANSWER_REFUSED', answer.detail);
    },
  );
}
