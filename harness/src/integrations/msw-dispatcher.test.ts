import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { HttpResponse, http } from 'msw';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMswDispatcher, type DispatchHandler } from './msw-dispatcher.js';

/** undici's own `request()` (what urllib 4 calls) with the dispatcher: the handlers answer, nothing is sent. */

const seen: Array<{ method: string; url: string; headers: Record<string, string>; body: string }> = [];
const handlers = [
  http.post('https://api.example.test/echo', async ({ request: r }) => {
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const body = await r.text();
    seen.push({ method: r.method, url: r.url, headers, body });
    return HttpResponse.json({ got: body }, { status: 201, headers: { 'x-echo': 'yes', 'set-cookie': 'a=1' } });
  }),
  http.get('https://api.example.test/down', () => HttpResponse.error()),
];

let fallbackServer: Server;
let fallbackUrl: string;
beforeAll(async () => {
  fallbackServer = createServer((_req, res) => res.end('from the fallback'));
  fallbackServer.listen(0, '127.0.0.1');
  await once(fallbackServer, 'listening');
  fallbackUrl = `http://127.0.0.1:${(fallbackServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => fallbackServer.close(() => resolve())));

describe('createMswDispatcher with undici.request (legacy handler API)', () => {
  it('a handled request: method, URL with query, headers and body reach the handler; status, headers, body come back', async () => {
    const dispatcher = createMswDispatcher(handlers);
    const res = await request('https://api.example.test/echo?x=1&y=%E4%B8%AD', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-one': ['a', 'b'] },
      body: 'k=v&z=%20',
      dispatcher: dispatcher as never,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-echo']).toBe('yes');
    expect(res.headers['set-cookie']).toBe('a=1');
    expect(await res.body.json()).toEqual({ got: 'k=v&z=%20' });
    const last = seen.at(-1);
    expect(last?.url).toBe('https://api.example.test/echo?x=1&y=%E4%B8%AD');
    expect(last?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last?.headers['x-one']).toBe('a, b');
  });

  it('a stream body is read whole', async () => {
    const dispatcher = createMswDispatcher(handlers);
    async function* parts() {
      yield Buffer.from('part1&');
      yield Buffer.from('part2');
    }
    const res = await request('https://api.example.test/echo', {
      method: 'POST',
      body: Readable.from(parts()),
      dispatcher: dispatcher as never,
    });
    expect(await res.body.json()).toEqual({ got: 'part1&part2' });
  });

  it('no handler and no fallback: the request fails with the method and URL named', async () => {
    const dispatcher = createMswDispatcher(handlers);
    await expect(request('https://api.example.test/nothing', { dispatcher: dispatcher as never })).rejects.toThrow(
      'no msw handler for GET https://api.example.test/nothing',
    );
  });

  it('no handler with a fallback: the fallback dispatcher sends it (body included)', async () => {
    const agent = new Agent();
    const dispatcher = createMswDispatcher(handlers, { fallback: agent as never });
    const res = await request(`${fallbackUrl}/x`, { method: 'POST', body: 'abc', dispatcher: dispatcher as never });
    expect(await res.body.text()).toBe('from the fallback');
    await agent.close();
  });

  it('HttpResponse.error() becomes a network error', async () => {
    const dispatcher = createMswDispatcher(handlers);
    await expect(request('https://api.example.test/down', { dispatcher: dispatcher as never })).rejects.toThrow(
      /network error/,
    );
  });

  it('reads the current handlers of a server-like source on each request', async () => {
    let list = [...handlers];
    const dispatcher = createMswDispatcher({ listHandlers: () => list });
    await expect(request('https://api.example.test/late', { dispatcher: dispatcher as never })).rejects.toThrow(
      /no msw handler/,
    );
    list = [http.get('https://api.example.test/late', () => HttpResponse.text('now'))];
    expect(
      await (await request('https://api.example.test/late', { dispatcher: dispatcher as never })).body.text(),
    ).toBe('now');
  });
});

describe('createMswDispatcher with a controller-API handler (undici 7 interceptors)', () => {
  it('calls onRequestStart, onResponseStart, onResponseData, onResponseEnd', async () => {
    const dispatcher = createMswDispatcher(handlers);
    const calls: string[] = [];
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const handler: DispatchHandler = {
        onRequestStart: () => void calls.push('start'),
        onResponseStart: ((_c: unknown, status: number, headers: Record<string, string>) =>
          void calls.push(`${status} ${headers['x-echo']}`)) as never,
        onResponseData: ((_c: unknown, chunk: Buffer) => void chunks.push(chunk)) as never,
        onResponseEnd: () => {
          calls.push('end');
          resolve();
        },
        onResponseError: ((_c: unknown, e: Error) => reject(e)) as never,
      };
      dispatcher.dispatch({ origin: 'https://api.example.test', path: '/echo', method: 'POST', body: 'hi' }, handler);
    });
    await done;
    expect(calls).toEqual(['start', '201 yes', 'end']);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ got: 'hi' });
  });

  it('a closed dispatcher refuses new requests', async () => {
    const dispatcher = createMswDispatcher(handlers);
    await dispatcher.close();
    await expect(
      request('https://api.example.test/echo', { method: 'POST', dispatcher: dispatcher as never }),
    ).rejects.toThrow(/closed/);
  });
});
