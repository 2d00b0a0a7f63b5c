import swagger from '@fastify/swagger';
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

/**
 * Registers @fastify/swagger (before the routes, so it sees them) and serves the description of the admin API, the
 * JSAPI bridge and /gateway.do at GET /__admin/openapi.json.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'alimock gateway',
        version,
        description:
          "A mock of Alipay's side of my.getPhoneNumber. Admin API: set causes (apps, members, consents, clock), fault rules and read the journal, per session (header x-alimock-session or a session field/query). Errors: { error: { code, message } }.",
      },
      tags: [
        { name: 'admin', description: 'state, rules, journal' },
        { name: 'jsapi', description: 'what the Alipay client asks when a page calls my.*' },
        { name: 'openapi', description: "Alipay's OpenAPI gateway" },
      ],
    },
    transform: ({ schema, url, route }) => {
      if (!DOCUMENTED.test(url)) return { schema: { ...schema, hide: true }, url };
      const tag = url.startsWith('/__admin') ? 'admin' : url.startsWith('/jsapi') ? 'jsapi' : 'openapi';
      const body = url === '/__admin/rules' && route.method === 'POST' ? { body: ruleBody } : {};
      return { schema: { ...schema, ...body, tags: [tag] }, url };
    },
  });
  app.get('/__admin/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
