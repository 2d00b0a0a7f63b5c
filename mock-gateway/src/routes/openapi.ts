import type { FastifyInstance } from 'fastify';
import { RULE_APIS } from '../model/rules.js';
import { ENVELOPE_VARIANTS, OUTCOME_IDS, TAMPERINGS } from '../protocol/index.js';

/** The rule body, documented (the route validates it by hand for clearer messages: model/rule-input.ts). */
const ruleBody = {
  type: 'object',
  required: ['action'],
  properties: {
    session: { type: 'string', description: 'shorthand for scope.session' },
    scope: {
      type: 'object',
      properties: {
        session: { type: 'string' },
        userId: { type: 'string' },
        appId: { type: 'string' },
        api: { type: 'string', enum: [...RULE_APIS] },
      },
    },
    action: {
      oneOf: [
        {
          type: 'object',
          required: ['kind', 'outcome'],
          properties: {
            kind: { const: 'outcome' },
            outcome: { enum: [...OUTCOME_IDS] },
            variant: { enum: [...ENVELOPE_VARIANTS] },
          },
        },
        {
          type: 'object',
          required: ['kind', 'variant'],
          properties: { kind: { const: 'envelope' }, variant: { enum: [...ENVELOPE_VARIANTS] } },
        },
        {
          type: 'object',
          required: ['kind', 'tampering'],
          properties: { kind: { const: 'tamper' }, tampering: { enum: [...TAMPERINGS] } },
        },
        {
          type: 'object',
          required: ['kind', 'ms'],
          properties: {
            kind: { const: 'latency' },
            ms: {
              oneOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }],
            },
          },
        },
        {
          type: 'object',
          required: ['kind', 'status'],
          properties: { kind: { const: 'status' }, status: { type: 'integer' }, body: { type: 'string' } },
        },
        { type: 'object', required: ['kind'], properties: { kind: { const: 'reset' } } },
        {
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: 'no-answer' }, holdMs: { type: 'integer' } },
        },
      ],
    },
    times: { type: 'integer', minimum: 1 },
    probability: { type: 'number', minimum: 0, maximum: 1 },
    seed: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    note: { type: 'string' },
  },
};

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
    const body = r.url === '/__admin/rules' && methods.includes('POST') ? { body: ruleBody } : {};
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
