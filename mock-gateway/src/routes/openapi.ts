import type { FastifyInstance } from 'fastify';
import { RULE_BODY_SCHEMA } from '../model/rule-schema.js';

const DOCUMENTED = /^\/(__admin|jsapi)\/|^\/gateway\.do$/;

interface CollectedRoute {
  method: string | string[];
  url: string;
  schema?: Record<string, unknown>;
}

/**
 * Serves the description of the admin API, the JSAPI bridge and /gateway.do at GET /__admin/openapi.json. Routes are
 * collected as they are registered (call this before the routes); the document is built by @fastify/swagger on the
 * first request, in a throwaway instance, so start-up does not pay for it.
 */
export function registerOpenApi(app: FastifyInstance, version: string): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (r) => {
    const head = r.method === 'HEAD' || (Array.isArray(r.method) && r.method.every((m) => m === 'HEAD'));
    if (DOCUMENTED.test(r.url) && !head && r.url !== '/__admin/openapi.json')
      routes.push({
        method: r.method,
        url: r.url,
        ...(r.schema ? { schema: r.schema as Record<string, unknown> } : {}),
      });
  });
  let doc: Promise<unknown> | undefined;
  app.get('/__admin/openapi.json', async () => {
    doc ??= buildDocument(routes, version);
    return doc;
  });
}

async function buildDocument(routes: CollectedRoute[], version: string): Promise<unknown> {
  const [{ default: Fastify }, { default: swagger }] = await Promise.all([
    import('fastify'),
    import('@fastify/swagger'),
  ]);
  const tmp = Fastify({ exposeHeadRoutes: false });
  tmp.setValidatorCompiler(() => () => true);
  await tmp.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'alimock gateway',
        version,
        description:
          "A mock of Alipay's side of my.getPhoneNumber. Admin API: set causes (apps, members, consents, clock), fault rules and read the journal, per session (header x-alimock-session or a session field/query; a given session is never empty). Errors: { error: { code, message, hint } }. A gateway started with a token needs it on every route but /gateway.do and /__admin/health (authorization: Bearer TOKEN or x-alimock-token: TOKEN); writes a browser marks as cross-site are refused.",
      },
      tags: [
        { name: 'admin', description: 'state, rules, journal' },
        { name: 'jsapi', description: 'what the Alipay client asks when a page calls my.*' },
        { name: 'openapi', description: "Alipay's OpenAPI gateway" },
      ],
    },
  });
  for (const r of routes) {
    const tag = r.url.startsWith('/__admin') ? 'admin' : r.url.startsWith('/jsapi') ? 'jsapi' : 'openapi';
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const body = r.url === '/__admin/rules' && methods.includes('POST') ? { body: RULE_BODY_SCHEMA } : {};
    tmp.route({
      method: methods as never,
      url: r.url,
      schema: { ...r.schema, ...body, tags: [tag] },
      handler: async () => null,
    });
  }
  await tmp.ready();
  const document = tmp.swagger();
  await tmp.close();
  return document;
}
