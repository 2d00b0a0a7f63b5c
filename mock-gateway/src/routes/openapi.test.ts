import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../app.js';

describe('GET /__admin/openapi.json', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildGateway();
  });
  afterAll(() => app.close());

  it('describes the admin API, the JSAPI bridge and /gateway.do, and hides the stub assets', async () => {
    const res = await app.inject({ method: 'GET', url: '/__admin/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/__admin/health',
      '/__admin/reset',
      '/__admin/apps/{appId}',
      '/__admin/rules',
      '/__admin/journal',
      '/__admin/journal/count',
      '/jsapi/getPhoneNumber',
      '/jsapi/authorize',
      '/gateway.do',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.some((p) => p.startsWith('/stub'))).toBe(false);
    expect(doc.paths['/__admin/rules']?.post?.tags).toEqual(['admin']);
    expect(doc.paths['/jsapi/getPhoneNumber']?.post?.tags).toEqual(['jsapi']);
  });

  it('documents the rule body although the route validates it by hand', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
    };
    const schema = doc.paths['/__admin/rules']?.post?.requestBody?.content['application/json']?.schema;
    expect(schema?.required).toEqual(['action']);
    expect(Object.keys(schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['scope', 'action', 'times', 'probability', 'seed']),
    );
  });

  it('documents enums from the schemas (app settings)', async () => {
    const text = (await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).body;
    expect(text).toContain('not-added');
    expect(text).toContain('unusable');
    expect(text).toContain('x-alimock-session');
  });
});
