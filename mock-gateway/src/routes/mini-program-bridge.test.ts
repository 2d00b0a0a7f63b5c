/**
 * A page's my.request through the gateway's bridge, over real sockets to real backends: the journal records the
 * request as the bridge sent it and the URL that answered (after redirects), and a mounted page reaches only the
 * gateway's targets and the ones its mount names (each mount its own), never the gateway's admin API.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, type GatewayOptions, gatewayModel, miniProgramsOf } from '../app.js';
import type { BridgeExchange } from '../playground/hooks.js';
import { call } from '../test-support/gateway-client.js';
import type { MountedMiniProgram } from './mounted-mini-program.js';

/** Three backends alike, on their own ports (three origins). */
const backends: Server[] = [];
let a: string;
let b: string;
let c: string;

function backend(): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url === '/moved') return void res.writeHead(307, { location: '/landed' }).end();
    if (req.url === '/see-other') return void res.writeHead(303, { location: '/landed' }).end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, method: req.method }));
  });
  backends.push(server);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  [a, b, c] = await Promise.all([backend(), backend(), backend()]);
});
afterAll(async () => {
  for (const s of backends) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const open: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function listening(options: GatewayOptions = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildGateway({ seed: 7, ...options });
  open.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

function bridge(
  app: FastifyInstance,
  path: string,
  session: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return call(app, 'POST', path, body, { headers: { 'x-alimock-session': session, ...headers } });
}

function mount(targetUrl: string | undefined, hosts: Record<string, string> = {}): MountedMiniProgram {
  return {
    files: new Map([['', { body: '<!doctype html>', contentType: 'text/html; charset=utf-8' }]]),
    assets: {},
    hosts,
    ...(targetUrl !== undefined ? { targetUrl } : {}),
  };
}

describe('the journal of a bridged request', () => {
  it('names the URL that answered after a redirect, with the method that reached it', async () => {
    const { app } = await listening();
    const moved = await bridge(app, '/stub/request', 'redir', { url: `${a}/moved`, method: 'POST', data: { n: 1 } });
    expect(moved.json).toMatchObject({ ok: true, status: 200, data: { url: '/landed', method: 'POST' } });
    // a 303 turns the POST into a GET: the journal says what reached the URL
    await bridge(app, '/stub/request', 'redir', { url: `${a}/see-other`, method: 'POST', data: { n: 2 } });
    const entries = gatewayModel(app).store.journal.query({ session: 'redir', api: 'request' });
    expect(entries.map((e) => [e.target, e.request, e.answerStatus])).toEqual([
      [`POST ${a}/landed`, '{"n":1}', 200],
      [`GET ${a}/landed`, '{"n":2}', 200],
    ]);
  });

  it('through a mounted page too; the host judges the request as it was sent (data in the query of a GET)', async () => {
    const judged: BridgeExchange[] = [];
    const { app } = await listening({
      miniPrograms: { demo: mount(a) },
      judge: (x) => {
        judged.push(x);
        return { role: 'other' };
      },
    });
    await bridge(app, '/mp/demo/request', 'mp-redir', { url: 'https://api.example.com/moved', method: 'PUT' });
    await bridge(app, '/mp/demo/request', 'mp-redir', { url: `${a}/ok`, data: { q: 'x y' } });
    const entries = gatewayModel(app).store.journal.query({ session: 'mp-redir', api: 'request' });
    expect(entries.map((e) => e.target)).toEqual([`PUT ${a}/landed`, `GET ${a}/ok?q=x+y`]);
    expect(judged.map((x) => [x.method, x.url])).toEqual([
      ['PUT', `${a}/moved`],
      ['GET', `${a}/ok?q=x+y`],
    ]);
  });

  it('a request the bridge cannot carry is journaled as the page asked it, nothing sent', async () => {
    const { app } = await listening();
    const refused = await bridge(app, '/stub/request', 'bad', {
      url: `${a}/ok`,
      method: 'post',
      headers: { 'bad name': 'x' },
    });
    expect(refused.status).toBe(400);
    const entries = gatewayModel(app).store.journal.query({ session: 'bad', api: 'request' });
    expect(entries).toEqual([
      expect.objectContaining({ target: `POST ${a}/ok`, request: '', error: expect.stringMatching(/header name/) }),
    ]);
  });
});

describe('a mounted page reaches only its targets, never the admin API', () => {
  it("the mount's target and hosts; another loopback origin and the gateway itself are refused", async () => {
    const { app, base } = await listening();
    miniProgramsOf(app).mount('demo', mount(a, { 'https://api.example.com': b, [c]: 'passthrough' }));
    // as the page served by this gateway asks: its own origin is never mapped to the target
    const host = { host: new URL(base).host };
    const to = (url: string, method = 'GET') => bridge(app, '/mp/demo/request', 'keep-me', { url, method }, host);
    await call(app, 'POST', '/__admin/users', {}, { headers: { 'x-alimock-session': 'keep-me' } });

    expect((await to(`${a}/ok`)).json).toMatchObject({ ok: true, data: { url: '/ok' } });
    expect((await to('https://api.example.com/ok')).json).toMatchObject({ ok: true, mappedUrl: `${b}/ok` });
    const other = await to(`${c}/ok`);
    expect(other.status).toBe(403);
    expect(other.json.error.message).toMatch(/is not a bridge target of this gateway/);
    const admin = await to(`${base}/__admin/reset`, 'POST');
    expect(admin.status).toBe(403);
    expect(admin.json.error.message).toMatch(/is the gateway itself/);
    expect(gatewayModel(app).store.sessions()).toContain('keep-me');
  });

  it('a mount replaced while the gateway runs brings its own targets', async () => {
    const { app } = await listening();
    const registry = miniProgramsOf(app);
    const status = async (url: string) => (await bridge(app, '/mp/demo/request', 's', { url })).status;
    registry.mount('demo', mount(a, { [b]: 'passthrough' }));
    expect([await status(`${a}/ok`), await status(`${b}/ok`)]).toEqual([200, 403]);
    registry.mount('demo', mount(b, { [a]: 'passthrough' }));
    expect([await status(`${a}/ok`), await status(`${b}/ok`)]).toEqual([403, 200]);
  });

  it("the gateway's targets add to the mount's; a mount naming none keeps the gateway's rule", async () => {
    const { app } = await listening({ bridgeTargets: [c] });
    const registry = miniProgramsOf(app);
    registry.mount('named', mount(a, { [b]: 'passthrough', [c]: 'passthrough' }));
    registry.mount('plain', mount(undefined));
    const status = async (id: string, url: string) => (await bridge(app, `/mp/${id}/request`, 's', { url })).status;
    expect([
      await status('named', `${a}/ok`),
      await status('named', `${c}/ok`),
      await status('named', `${b}/ok`),
    ]).toEqual([200, 200, 403]);
    expect([await status('plain', `${c}/ok`), await status('plain', `${a}/ok`)]).toEqual([200, 403]);
  });

  it('without targets anywhere, only loopback addresses', async () => {
    const { app } = await listening({ miniPrograms: { plain: mount(undefined) } });
    expect((await bridge(app, '/mp/plain/request', 's', { url: `${b}/ok` })).status).toBe(200);
    const away = await bridge(app, '/mp/plain/request', 's', { url: 'http://192.0.2.1/' });
    expect(away.status).toBe(403);
    expect(away.json.error.message).toMatch(/not a loopback address/);
  });
});
