import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { findPackageRoot } from '../package-root.js';
import {
  type BridgeRequest,
  bridgeRequestSchema,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseTargetUrl,
  performBridgeRequest,
} from './stub-proxy.js';

export interface StubRoutesOptions {
  /** Default timeout of `my.request` when the page gives none (capped at 60 s). Default 30 s. */
  requestTimeoutMs?: number;
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
      if (!target.ok) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: target.reason });
      }
      return performBridgeRequest(request.body, target.url, defaultTimeoutMs);
    },
  );
}
