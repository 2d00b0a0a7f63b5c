/**
 * The playground's routes over HTTP: the page at / (only when asked for, framed by no other site), what it runs with,
 * the live journal as server-sent events (each envelope checked; resumable; bounded; ended by closing the gateway;
 * behind the token), "save as scenario", the inspector (the host's doctor, with the session's keys), a page's
 * requests built by the host, and my.request exchanges journaled with the host's verdict. The playground itself runs
 * in Chromium in harness/src/playground.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGateway, type GatewayOptions, gatewayModel } from '../app.js';
import type { BridgeExchange } from '../playground/hooks.js';
import type { StreamedEntry } from '../playground/wire.js';
import { call, inSession } from '../test-support/gateway-client.js';

const open: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function gateway(options: GatewayOptions = {}): Promise<FastifyInstance> {
  const app = await buildGateway({ seed: 7, ...options });
  open.push(app);
  return app;
}

async function listening(options: GatewayOptions = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await gateway(options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** Reads server-sent events until `enough` says so; answers them and the reader (to go on or cancel). */
async function readEvents(
  res: Response,
  enough: (events: StreamedEntry[]) => boolean,
): Promise<{ events: StreamedEntry[]; ids: string[]; done: boolean }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: StreamedEntry[] = [];
  const ids: string[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { events, ids, done: true };
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      const id = /^id: (.*)$/m.exec(block)?.[1];
      if (data !== undefined) events.push(JSON.parse(data) as StreamedEntry);
      if (id !== undefined) ids.push(id);
      cut = buffer.indexOf('\n\n');
    }
    if (enough(events)) {
      await reader.cancel();
      return { events, ids, done: false };
    }
  }
}

describe('the playground page', () => {
  it('is served at / only when asked for, may not be framed by another site, and loads its script', async () => {
    const plain = await gateway();
    expect((await call(plain, 'GET', '/')).status).toBe(404);
    const app = await gateway({
      playground: { targetUrl: 'http://127.0.0.1:9', source: 'alimock.config.ts', phoneButton: '#bind-phone' },
    });
    const page = await call(app, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/__playground/playground.js');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await call(app, 'GET', '/__playground/playground.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('/__admin/journal/stream');
    const config = await call(app, 'GET', '/__admin/playground');
    expect(config.json).toMatchObject({
      appId: gatewayModel(app).keys.appId,
      pagePath: '/mp/faq-sample/',
      targetUrl: 'http://127.0.0.1:9',
      source: 'alimock.config.ts',
      phoneButton: '#bind-phone',
      tokenInUse: false,
      inspector: false,
      contractRequests: false,
    });
    expect(config.json.tamperings).toContain('strip-sign');
  });

  it('with a token: the page, its script and its API need it; the page is told a token is in use', async () => {
    const app = await gateway({ token: 'secret-token-1', playground: true });
    expect((await call(app, 'GET', '/')).status).toBe(401);
    expect((await call(app, 'GET', '/__admin/journal/stream')).status).toBe(401);
    expect((await call(app, 'GET', '/__admin/sessions/x/scenario')).status).toBe(401);
    const auth = { headers: { 'x-alimock-token': 'secret-token-1' } };
    expect((await call(app, 'GET', '/', undefined, auth)).status).toBe(200);
    expect((await call(app, 'GET', '/__admin/playground', undefined, auth)).json.tokenInUse).toBe(true);
  });
});

describe('GET /__admin/journal/stream', () => {
  it("sends the session's entries live, each envelope checked with the gateway's keys and the app's AES key", async () => {
    const { app, base } = await listening();
    const s = inSession(app, 'sse-1');
    await s('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, { aesKeyStatus: 'not-set' });
    const res = await fetch(`${base}/__admin/journal/stream?session=sse-1`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(res, (ev) => ev.filter((e) => e.api === 'getPhoneNumber').length >= 2);
    await s('POST', '/jsapi/getPhoneNumber', {});
    await inSession(app, 'another')('POST', '/jsapi/getPhoneNumber', {});
    await s('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, { aesKeyStatus: 'set' });
    await s('POST', '/jsapi/getPhoneNumber', {});
    const { events } = await reading;
    expect(events.every((e) => e.session === 'sse-1')).toBe(true);
    expect(events[0]).toMatchObject({ api: 'admin', method: 'PATCH', request: '{"aesKeyStatus":"not-set"}' });
    const [plain, sealed] = events.filter((e) => e.api === 'getPhoneNumber');
    expect(plain?.check).toMatchObject({ encrypted: false, signed: false });
    expect(plain?.check?.plaintext).toContain('"code":"40001"');
    expect(sealed?.check).toMatchObject({ encrypted: true, decrypted: true, signed: true, verified: true });
    expect(sealed?.check?.plaintext).toContain('"code":"10000"');
  });

  it('resumes after the Last-Event-ID an EventSource sends; a stream of every session without one', async () => {
    const { app, base } = await listening();
    const s = inSession(app, 'sse-2');
    for (let i = 0; i < 3; i++) await s('POST', '/jsapi/getSetting', {});
    const first = await readEvents(await fetch(`${base}/__admin/journal/stream?session=sse-2`), (ev) => ev.length >= 3);
    const resumed = readEvents(
      await fetch(`${base}/__admin/journal/stream?session=sse-2`, {
        headers: { 'last-event-id': first.ids[1] as string },
      }),
      (ev) => ev.length >= 2,
    );
    await s('POST', '/jsapi/getSetting', {});
    const { events } = await resumed;
    expect(events.map((e) => e.seq)).toEqual([first.events[2]?.seq, (first.events[2]?.seq as number) + 1]);
    const all = readEvents(await fetch(`${base}/__admin/journal/stream`), (ev) => ev.some((e) => e.session === 'b'));
    await inSession(app, 'b')('POST', '/jsapi/getSetting', {});
    expect((await all).events.length).toBeGreaterThan(4);
  });

  it('serves a bounded number of streams, and closing the gateway ends them', async () => {
    const { app, base } = await listening({ journalStreamLimits: { maxStreams: 1 } });
    const res = await fetch(`${base}/__admin/journal/stream?session=sse-3`);
    const second = await fetch(`${base}/__admin/journal/stream?session=sse-3`);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_STREAMS');
    const reading = readEvents(res, () => false);
    await app.close();
    expect((await reading).done).toBe(true);
  });

  it('ends a stream whose reader falls behind (it resumes from its last id)', async () => {
    const { app, base } = await listening({ journalStreamLimits: { maxQueued: 3 } });
    const res = await fetch(`${base}/__admin/journal/stream?session=sse-4`);
    const reading = readEvents(res, () => false);
    // many entries added before the stream writes any: past the queue's bound the stream ends
    const s = inSession(app, 'sse-4');
    await Promise.all(Array.from({ length: 10 }, () => s('POST', '/jsapi/getSetting', {})));
    expect((await reading).done).toBe(true);
    expect(gatewayModel(app).store.journal.subscribers).toBe(0);
  });
});

describe('GET /__admin/sessions/:session/scenario', () => {
  it("answers the session's scenario file; 409 NOTHING_TO_EXPORT before a step", async () => {
    const app = await gateway();
    const s = inSession(app, 'exp-1');
    await s('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, { aesKeyStatus: 'not-set' });
    const empty = await call(app, 'GET', '/__admin/sessions/exp-1/scenario');
    expect(empty.status).toBe(409);
    expect(empty.json.error.code).toBe('NOTHING_TO_EXPORT');
    await s('POST', '/jsapi/authorize', { scope: 'phoneNumber', decision: 'allow' });
    await s('POST', '/jsapi/getPhoneNumber', {});
    const file = await call(app, 'GET', '/__admin/sessions/exp-1/scenario?download=1');
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="playground-exp-1.json"');
    expect(file.json).toMatchObject({
      id: 'playground-exp-1',
      given: [{ app: { aesKeyStatus: 'not-set' } }],
      steps: [{ do: 'tap-authorize', choice: 'allow' }],
      // no backend was reached
      expect: { kind: 'no-call' },
    });
    expect((await call(app, 'GET', '/__admin/sessions/a%20b/scenario')).status).toBe(400);
  });
});

describe('POST /__admin/inspect', () => {
  it("hands the payload to the host's doctor with the gateway's public keys and the session's AES key", async () => {
    const seen: unknown[] = [];
    const app = await gateway({
      inspect: (payload, keys) => {
        seen.push({ payload, keys });
        return { ok: false, problems: ['missing-sign'], steps: [] };
      },
    });
    const aesKey = Buffer.alloc(16, 7).toString('base64');
    await inSession(app, 'ins-1')('PATCH', `/__admin/apps/${gatewayModel(app).keys.appId}`, { aesKey });
    const got = await inSession(app, 'ins-1')('POST', '/__admin/inspect', { payload: '{"response":"x"}' });
    expect(got.json).toEqual({ ok: false, problems: ['missing-sign'], steps: [] });
    expect(seen).toEqual([
      {
        payload: '{"response":"x"}',
        keys: {
          alipayPublicKey: gatewayModel(app).keys.alipayPublicKeyBase64,
          aesKey,
          appPublicKey: gatewayModel(app).keys.appPublicKeyBase64,
        },
      },
    ]);
    const foreign = await call(
      app,
      'POST',
      '/__admin/inspect',
      { payload: 'x' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(foreign.status).toBe(403);
    expect((await call(await gateway(), 'POST', '/__admin/inspect', { payload: 'x' })).status).toBe(404);
  });
});

describe("a page's requests", () => {
  const PROGRAM = {
    files: new Map([
      ['', { body: '<!doctype html>', contentType: 'text/html; charset=utf-8' }],
      ['project.js', { body: 'window.__alimockProject = {};\n', contentType: 'text/javascript; charset=utf-8' }],
    ]),
    assets: {},
  };

  it('with the host building them: project.js says so, and POST page-request answers what the host builds', async () => {
    const asked: unknown[] = [];
    const app = await gateway({
      miniPrograms: { demo: PROGRAM },
      pageRequests: {
        phone: (encryptedData, session) => {
          asked.push(['phone', encryptedData, session]);
          return { url: 'http://127.0.0.1:9/p', method: 'PUT', headers: { 'x-a': 'b' }, data: 'payload=1' };
        },
        login: () => ({ error: 'no login route' }),
      },
    });
    expect((await call(app, 'GET', '/mp/demo/project.js')).text).toContain(
      "window.__alimockPageRequests = 'page-request'",
    );
    const s = inSession(app, 'pr-1');
    expect((await s('POST', '/mp/demo/page-request', { kind: 'phone', value: '{"response":"x"}' })).json).toEqual({
      url: 'http://127.0.0.1:9/p',
      method: 'PUT',
      headers: { 'x-a': 'b' },
      data: 'payload=1',
    });
    expect((await s('POST', '/mp/demo/page-request', { kind: 'login', value: 'code' })).json).toEqual({
      error: 'no login route',
    });
    expect(asked).toEqual([['phone', '{"response":"x"}', 'pr-1']]);
    expect((await s('POST', '/mp/demo/page-request', { kind: 'other', value: '' })).status).toBe(400);

    const without = await gateway({ miniPrograms: { demo: PROGRAM } });
    expect((await call(without, 'GET', '/mp/demo/project.js')).text).not.toContain('__alimockPageRequests');
    expect((await call(without, 'POST', '/mp/demo/page-request', { kind: 'phone', value: 'x' })).status).toBe(404);
  });

  it("my.request through the bridge is journaled in the page's session, judged by the host when it carries the envelope", async () => {
    const backend = await gateway(); // any HTTP server will do: its admin API answers JSON
    await backend.listen({ port: 0, host: '127.0.0.1' });
    const backendUrl = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
    const judged: BridgeExchange[] = [];
    const { app } = await listening({
      judge: (x) => {
        judged.push(x);
        return x.carriesEnvelope
          ? { role: 'phone', verdict: { kind: 'rejected', code: 'X'.repeat(400) } }
          : { role: 'other' };
      },
    });
    const s = inSession(app, 'br-1');
    const envelope = ((await s('POST', '/jsapi/getPhoneNumber', {})).json as { response: string }).response;
    const bridged = await s('POST', '/stub/request', {
      url: `${backendUrl}/__admin/health`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ encryptedData: envelope }),
    });
    expect(bridged.json).toMatchObject({ ok: true, status: 404 });
    await s('POST', '/stub/request', { url: `${backendUrl}/__admin/health`, method: 'GET' });
    await s('POST', '/stub/request', { url: 'ftp://nowhere', method: 'GET' });
    // a refused request whose data nests too deep to write out is journaled all the same
    const deep = `{"url":"ftp://nowhere","method":"POST","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const refusedDeep = await call(app, 'POST', '/stub/request', deep, {
      headers: { 'x-alimock-session': 'br-1', 'content-type': 'application/json' },
    });
    expect(refusedDeep.status).toBe(400);
    expect(judged.map((x) => x.carriesEnvelope)).toEqual([true, false]);
    expect(judged[0]).toMatchObject({ session: 'br-1', method: 'POST', response: { status: 404 } });
    const requests = gatewayModel(app).store.journal.query({ session: 'br-1', api: 'request' });
    expect(requests).toHaveLength(4);
    expect(requests[3]).toMatchObject({ error: expect.stringMatching(/^refused: /) });
    expect(requests[0]).toMatchObject({
      role: 'phone',
      target: `POST ${backendUrl}/__admin/health`,
      answerStatus: 404,
      verdict: { kind: 'rejected' },
    });
    // the verdict's text is bounded
    expect(JSON.stringify(requests[0]?.verdict).length).toBeLessThan(360);
    expect(requests[1]).toMatchObject({ role: 'other', answerStatus: 200, answer: '{"ok":true}' });
    expect(requests[2]).toMatchObject({ role: 'other', error: expect.stringMatching(/^refused: /) });
  });
});
