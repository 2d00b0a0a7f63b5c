import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { headerProblem, nestedDeeperThan, performBridgeRequest } from '../bridge/bridge-request.js';
import { bridgeTargetRule, isLoopbackHost, parseBridgeTargets } from '../bridge/bridge-targets.js';
import { manualClock } from '../model/clock.js';
import { type RunningGateway, startGateway } from '../server.js';
import { MOCK_ERRORS } from './errors.js';

/**
 * The my.request bridge (`POST /stub/request`) over real sockets: bad input is a 400, a hostile answer a 502 that
 * names the limit, and the bridge reaches only loopback targets (or the ones it was given), never the gateway.
 */

let gw: RunningGateway;
let target: Server;
let targetUrl: string;
/** bytes the target managed to write for /huge before the bridge hung up */
let hugeWritten = 0;
let hugeClosed: Promise<void>;
let hits = 0;

beforeAll(async () => {
  gw = await startGateway({ clock: manualClock(), stubRequestTimeoutMs: 10_000 });
  let closedHuge: () => void = () => undefined;
  hugeClosed = new Promise((r) => {
    closedHuge = r;
  });
  target = createServer((req, res) => {
    hits++;
    if (req.url === '/deep') {
      res.setHeader('content-type', 'application/json');
      res.end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    } else if (req.url === '/huge') {
      // 200 MB, streamed: the bridge must stop reading at its limit instead of buffering it all
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 200) {
          sent++;
          hugeWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', closedHuge);
      pump();
    } else if (req.url === '/declared-huge') {
      res.setHeader('content-length', String(300 * 1024 * 1024));
      res.write('x');
      setTimeout(() => res.destroy(), 2_000).unref();
    } else if (req.url === '/to-admin') {
      res.writeHead(307, { location: `${gw.url}/__admin/reset` }).end();
    } else if (req.url === '/to-elsewhere') {
      res.writeHead(302, { location: 'http://192.0.2.1/' }).end();
    } else if (req.url === '/to-ok') {
      res.writeHead(303, { location: '/ok' }).end();
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, url: req.url, method: req.method }));
    }
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await gw?.close();
  target?.closeAllConnections();
  await new Promise((r) => target?.close(r));
});

async function bridge(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${gw.url}/stub/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) };
}

describe('bad input is a 400 that says what to fix', () => {
  it.each([
    [{ 'a b': 'x' }, /header name "a b" is not valid/],
    [{ 'x-ok': 'line\r\nInjected: 1' }, /header "x-ok" has a character a header cannot carry/],
    [{ 'x-ok': 'nul\u0000' }, /header "x-ok" has a character/],
    [{ 'x-ok': '中文' }, /beyond Latin-1/],
    [{ '': 'x' }, /header name "" is not valid/],
  ])('headers %j', async (headers, message) => {
    const a = await bridge({ url: `${targetUrl}/ok`, headers });
    expect(a.status).toBe(400);
    expect(a.json.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(message),
      hint: MOCK_ERRORS.BAD_REQUEST.hint,
    });
  });

  it('100,000-deep data (and as a GET query) → 400 naming the nesting limit', async () => {
    for (const method of ['POST', 'GET']) {
      const a = await bridge(
        `{"url":"${targetUrl}/ok","method":"${method}","data":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      );
      expect(a.status).toBe(400);
      expect(a.json.error.message).toBe('data is nested deeper than 512 levels: send flatter data');
    }
  });
});

describe('a hostile answer is a 502 naming the limit', () => {
  it('200,000-deep JSON → 502; the same as dataType text is carried as text', async () => {
    const a = await bridge({ url: `${targetUrl}/deep` });
    expect(a.status).toBe(502);
    expect(a.json.error).toEqual({
      code: 'BRIDGE_ANSWER_REFUSED',
      message: expect.stringMatching(/nested deeper than 512 levels, the bridge's limit/),
      hint: MOCK_ERRORS.BRIDGE_ANSWER_REFUSED.hint,
    });
    const text = await bridge({ url: `${targetUrl}/deep`, dataType: 'text' });
    expect(text.status).toBe(200);
    expect(text.json.data).toHaveLength(400_000);
  });

  it('a 200 MB answer → 502 naming 10 MiB; the bridge hangs up instead of reading it all', async () => {
    const a = await bridge({ url: `${targetUrl}/huge` });
    expect(a.status).toBe(502);
    expect(a.json.error.message).toBe("the target's answer is larger than 10 MiB, the bridge's limit: answer less");
    await hugeClosed;
    expect(hugeWritten).toBeLessThan(100 * 1024 * 1024);
    const declared = await bridge({ url: `${targetUrl}/declared-huge` });
    expect(declared.status).toBe(502);
    expect(declared.json.error.message).toMatch(/larger than 10 MiB/);
  });
});

describe('the bridge reaches only its targets, never the gateway', () => {
  it('the gateway itself, under any loopback name or an unspecified address → 403, nothing happens', async () => {
    const port = new URL(gw.url).port;
    await fetch(`${gw.url}/__admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alimock-session': 'keep-me' },
      body: '{}',
    });
    for (const url of [
      `${gw.url}/__admin/reset`,
      `http://localhost:${port}/__admin/reset`,
      `http://127.0.0.2:${port}/__admin/reset`,
      `http://[::1]:${port}/__admin/reset`,
      `http://0.0.0.0:${port}/__admin/reset`,
      `http://0.0.0.0:${(target.address() as AddressInfo).port}/ok`,
    ]) {
      const a = await bridge({ url, method: 'POST' });
      expect(a.status, url).toBe(403);
      expect(a.json.error.code).toBe('BRIDGE_TARGET_REFUSED');
    }
    const own = await bridge({ url: `${gw.url}/__admin/reset`, method: 'POST' });
    expect(own.json.error.message).toMatch(/is the gateway itself/);
    expect(gatewayModel(gw.app).store.sessions()).toContain('keep-me');
  });

  it('a non-loopback target without bridgeTargets → 403 naming the rule (nothing is fetched)', async () => {
    for (const url of ['http://192.0.2.1/', 'https://example.com/', 'http://10.0.0.1:8080/x']) {
      const a = await bridge({ url });
      expect(a.status).toBe(403);
      expect(a.json.error.message).toMatch(/not a loopback address: without targets the bridge reaches only localhost/);
    }
  });

  it('a redirect to the gateway or outside is refused; one to the same target is followed', async () => {
    const before = hits;
    const admin = await bridge({ url: `${targetUrl}/to-admin`, method: 'POST', data: {} });
    expect(admin.status).toBe(403);
    expect(admin.json.error.message).toMatch(/redirected to .*the gateway itself/);
    expect(gatewayModel(gw.app).store.sessions()).toContain('keep-me');
    const away = await bridge({ url: `${targetUrl}/to-elsewhere` });
    expect(away.status).toBe(403);
    const ok = await bridge({ url: `${targetUrl}/to-ok`, method: 'POST', data: { a: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toEqual({ ok: true, url: '/ok', method: 'GET' });
    expect(hits - before).toBe(4);
  });

  it('with bridgeTargets only those origins are reached', async () => {
    const only = await startGateway({ clock: manualClock(), bridgeTargets: [`${targetUrl}/any/path`] });
    try {
      const post = (url: string) =>
        fetch(`${only.url}/stub/request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url }),
        }).then(async (r) => ({ status: r.status, json: await r.json() }));
      expect((await post(`${targetUrl}/ok`)).status).toBe(200);
      const other = await post(`http://127.0.0.1:1/ok`);
      expect(other.status).toBe(403);
      expect(other.json.error.message).toMatch(
        /is not a bridge target of this gateway \(targets: http:\/\/127\.0\.0\.1:\d+\)/,
      );
    } finally {
      await only.close();
    }
  });

  it('a form post (what any web page can send) is refused with 415 and fetches nothing', async () => {
    const before = hits;
    const res = await fetch(`${gw.url}/stub/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `url=${encodeURIComponent(`${targetUrl}/ok`)}`,
    });
    expect(res.status).toBe(415);
    expect(hits).toBe(before);
  });
});

describe('the pieces', () => {
  it('loopback names, targets and the rule in words', () => {
    for (const h of ['localhost', 'a.localhost', '127.0.0.1', '127.9.9.9', '[::1]', '[::ffff:7f00:1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['example.com', '10.0.0.1', '0.0.0.0', '[::]', '[::2]', '128.0.0.1', 'localhost.example.com'])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(parseBridgeTargets(['http://a:1/x', 'http://a:1/y'])).toEqual({ ok: true, value: ['http://a:1'] });
    expect(parseBridgeTargets(['ftp://a'])).toMatchObject({ ok: false });
    expect(parseBridgeTargets(['nope'])).toMatchObject({ ok: false });
    expect(bridgeTargetRule().describe()).toMatch(/loopback/);
    const self = { port: 8787, host: 'box.example:8787' };
    expect(bridgeTargetRule(['http://box.example:8787']).check(new URL('http://box.example:8787/'), self)).toMatch(
      /the gateway itself/,
    );
    expect(
      bridgeTargetRule(['http://box.example:9000']).check(new URL('http://box.example:9000/'), self),
    ).toBeUndefined();
  });

  it('headerProblem and nestedDeeperThan', () => {
    expect(headerProblem({ 'content-type': 'application/json', 'x-n': 5 })).toBeUndefined();
    expect(headerProblem({ 'x-long': 'a'.repeat(9_000) })).toMatch(/longer than 8192/);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });

  it('without `allow` (the harness`s own native bridge) redirects are followed as before', async () => {
    const a = await performBridgeRequest(
      { url: `${targetUrl}/to-ok`, method: 'POST', data: {} },
      new URL(`${targetUrl}/to-ok`),
    );
    expect(a).toMatchObject({ ok: true, status: 200, data: { url: '/ok', method: 'GET' } });
  });
});
