/**
 * `/stub/`: the FAQ sample page at its published address (a redirect to the mounted project, or a clear 404 when
 * none is mounted), and `POST /stub/request`, the my.request bridge, over HTTP. The page itself runs in the
 * mini-program runtime, tested in mini-program/ and harness/src/integrations.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../app.js';
import { findPackageRoot } from '../package-root.js';

const ENVELOPE = '{"response":"abc==","sign":"xyz","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8"}';

let gateway: FastifyInstance;
let bare: FastifyInstance;
let other: FastifyInstance;
let base: string;
let otherBase: string;

async function listen(server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A backend on another origin that sends no CORS headers at all. */
function buildOtherOrigin(): FastifyInstance {
  const server = Fastify();
  server.get('/hello', async (request) => ({ hello: 'world', query: request.query }));
  server.post('/echo', async (request) => ({ body: request.body, contentType: request.headers['content-type'] }));
  server.post('/denied', async (_request, reply) =>
    reply.code(403).send({ error: { code: 'AUTH_REQUIRED', message: 'no consent' } }),
  );
  server.get('/text', async (_request, reply) => reply.type('text/plain').send('plain words'));
  server.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return { late: true };
  });
  return server;
}

const SAMPLE = {
  files: new Map([['', { body: '<!doctype html><title>sample</title>', contentType: 'text/html; charset=utf-8' }]]),
  assets: {},
};

beforeAll(async () => {
  gateway = await buildGateway({ miniPrograms: { 'faq-sample': SAMPLE }, stubRequestTimeoutMs: 5_000 });
  bare = await buildGateway();
  other = buildOtherOrigin();
  [base, otherBase] = await Promise.all([listen(gateway), listen(other)]);
});

afterAll(async () => {
  await gateway?.close();
  await bare?.close();
  await other?.close();
});

const bridge = (body: unknown) =>
  fetch(`${base}/stub/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('/stub/: the FAQ sample page at its published address', () => {
  it('redirects to the mounted sample, keeping the query string', async () => {
    for (const path of ['/stub', '/stub/', '/stub/index.html']) {
      const res = await gateway.inject({ method: 'GET', url: `${path}?session=s-1&phoneUrl=http%3A%2F%2Fx%2Fp` });
      expect(res.statusCode, path).toBe(302);
      expect(res.headers.location, path).toBe('/mp/faq-sample/?session=s-1&phoneUrl=http%3A%2F%2Fx%2Fp');
    }
    const page = await fetch(`${base}/stub/?session=s-1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>sample</title>');
  });

  it('without a mounted sample: 404 saying who mounts it', async () => {
    const res = await bare.inject({ method: 'GET', url: '/stub/' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/alimock serve/) });
  });

  it('serves nothing else under /stub/ or /mp/, whatever the path encoding', async () => {
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/`, { path, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of [
      '/stub/../package.json',
      '/stub/%2e%2e/package.json',
      '/stub/runtime.js',
      '/stub/pages/faq-sample.js',
      '/mp/faq-sample/../../package.json',
      '/mp/faq-sample/%2e%2e%2f%2e%2e%2fpackage.json',
      '/mp/faq-sample/..%5c..%5cpackage.json',
      '/mp/nope/',
      '/package.json',
    ]) {
      const res = await raw(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('"alimock"');
    }
  });

  it('findPackageRoot: the same from src/ and from dist/; outside a package, a clear error', () => {
    const root = findPackageRoot();
    const fromDist = pathToFileURL(join(root, 'dist', 'mock-gateway', 'src', 'routes', 'stub.js')).href;
    expect(findPackageRoot(fromDist)).toBe(root);
    expect(() => findPackageRoot(pathToFileURL('/tmp/nowhere/x.js').href)).toThrow(/no package.json named "alimock"/);
  });
});

describe('POST /stub/request: my.request performed by the gateway', () => {
  it('reaches another origin that sends no CORS headers, with my.request’s encoding; answers status, headers, data', async () => {
    const get = await bridge({ url: `${otherBase}/hello`, data: { a: 1, b: 'x y' } });
    expect(get.body).toMatchObject({ ok: true, status: 200, data: { hello: 'world', query: { a: '1', b: 'x y' } } });
    expect((get.body.headers as Record<string, string>)['content-type']).toContain('application/json');

    const post = await bridge({ url: `${otherBase}/echo`, method: 'POST', data: { encryptedData: ENVELOPE } });
    expect(post.body).toMatchObject({
      ok: true,
      data: { body: { encryptedData: ENVELOPE }, contentType: 'application/json' },
    });

    // a string body is sent as it is, with the page's content type
    const form = await bridge({
      url: `${otherBase}/echo`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      data: '{"raw":true}',
    });
    expect(form.body).toMatchObject({ ok: true, data: { body: { raw: true } } });

    const denied = await bridge({ url: `${otherBase}/denied`, method: 'POST', data: {} });
    expect(denied.body).toMatchObject({ ok: true, status: 403, data: { error: { code: 'AUTH_REQUIRED' } } });

    const text = await bridge({ url: `${otherBase}/text` });
    expect(text.body).toMatchObject({ ok: true, status: 200, data: 'plain words' });

    const slow = await bridge({ url: `${otherBase}/slow`, timeout: 200 });
    expect(slow.body).toEqual({ ok: false, error: 13, errorMessage: '超时' });

    const closedPort = await bridge({ url: 'http://127.0.0.1:1/' });
    expect(closedPort.body).toMatchObject({ ok: false, error: 12, errorMessage: '网络出错' });
  });

  it('rejects non-http URLs and malformed bodies with 400', async () => {
    const post = (payload: string) =>
      gateway.inject({
        method: 'POST',
        url: '/stub/request',
        headers: { 'content-type': 'application/json' },
        payload,
      });

    const file = await post(JSON.stringify({ url: 'file:///etc/passwd' }));
    expect(file.statusCode).toBe(400);
    expect(file.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/file: is not allowed/),
    });

    for (const body of [
      '{}',
      '{"url": ""}',
      '{"url": 42}',
      '{"url": "ftp://127.0.0.1/x"}',
      '{"url": "not a url"}',
      `{"url": "${otherBase}/hello", "method": "FETCH"}`,
      `{"url": "${otherBase}/hello", "timeout": -1}`,
      `{"url": "${otherBase}/hello", "dataType": "xml"}`,
      '{"url": ',
      '[]',
    ]) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
    }

    const ok = await post(JSON.stringify({ url: `${otherBase}/hello`, method: 'get', dataType: 'text' }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, status: 200 });
    expect(typeof ok.json().data).toBe('string');
  });
});
