import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER } from '../model/users.js';
import { plaintextFor } from '../protocol/index.js';
import { FUZZ_FAULT_BODY, fuzzRequests, type RouteFamily } from '../test-support/fuzz-requests.js';
import { testGateway } from '../test-support/gateway-client.js';
import { sessionClient } from '../test-support/session-client.js';
import { MOCK_ERRORS } from './errors.js';

/**
 * Seeded fuzzing over every route family: whatever arrives, the gateway answers — never a 5xx unless a fault rule
 * the fuzzer itself created asked for one, never an error body outside the catalogue, never a stack trace.
 */

const SEEDS = [20260101, 7, 424242];
const PER_SEED = 1_500;
const STACK = /\n\s+at |node:internal|\.ts:\d+:\d+/;

let target: Server;
let targetUrl: string;

beforeAll(async () => {
  target = createServer((req, res) => {
    if (req.url === '/deep') {
      res.setHeader('content-type', 'application/json');
      res.end(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    } else if (req.url === '/redirect-admin') {
      res.writeHead(302, { location: '/__admin/reset' }).end();
    } else if (req.url === '/big') {
      res.end(Buffer.alloc(11 * 1024 * 1024, 'b'));
    } else if (req.url === '/text') {
      res.end('not json {');
    } else {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    }
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise((r) => target.close(r));
});

describe('fuzzing every route family', () => {
  it.each(SEEDS)(
    `seed %i: ${PER_SEED} hostile requests, no 5xx but deliberate faults and the bridge's 502, every error from the catalogue`,
    async (seed) => {
      const internal: string[] = [];
      const { app } = await testGateway({ internalErrorLog: (t) => internal.push(t), stubRequestTimeoutMs: 5_000 });
      const requests = fuzzRequests(seed, PER_SEED, targetUrl);
      const problems: string[] = [];
      const families = new Map<RouteFamily, number>();
      let deliberate = 0;
      let upstream = 0;
      for (const { family, inject } of requests) {
        families.set(family, (families.get(family) ?? 0) + 1);
        const res = await app.inject(inject);
        const where = () =>
          `${family} ${inject.method} ${String(inject.url).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        let json: { error?: { code?: string; message?: string; hint?: string } } | undefined;
        try {
          json = res.body === '' ? undefined : JSON.parse(res.body);
        } catch {
          json = undefined;
        }
        if (res.statusCode >= 500) {
          if (res.body === FUZZ_FAULT_BODY || json?.error?.code === 'INJECTED_STATUS') deliberate++;
          // the target (not the request) answered too much: the bridge's 502 naming its limit
          else if (json?.error?.code === 'BRIDGE_ANSWER_REFUSED' && res.statusCode === 502) upstream++;
          else problems.push(`5xx: ${where()}`);
          continue;
        }
        if (res.statusCode >= 400 && inject.method !== 'HEAD') {
          const code = json?.error?.code;
          if (res.body === FUZZ_FAULT_BODY || code === 'INJECTED_STATUS') continue;
          if (code === undefined || !(code in MOCK_ERRORS)) problems.push(`not a catalogue error: ${where()}`);
          else if (json?.error?.hint !== MOCK_ERRORS[code as keyof typeof MOCK_ERRORS].hint)
            problems.push(`no hint: ${where()}`);
          else if (MOCK_ERRORS[code as keyof typeof MOCK_ERRORS].status !== res.statusCode)
            problems.push(`status ≠ catalogue: ${where()}`);
          if (STACK.test(json?.error?.message ?? '')) problems.push(`stack trace: ${where()}`);
        }
      }
      expect(problems).toEqual([]);
      expect(internal).toEqual([]);
      // every family was exercised
      for (const family of ['admin', 'jsapi', 'gateway', 'stub', 'bridge', 'openapi', 'unknown'] as const)
        expect(families.get(family) ?? 0, family).toBeGreaterThan(family === 'openapi' ? 0 : 40);
      console.info(
        `fuzz seed ${seed}: ${requests.length} requests, 0 unexpected 5xx; ${deliberate} deliberate (fault rules), ${upstream} bridge 502 (a hostile target's answer)`,
      );
      // and afterwards, once reset, the gateway still issues a verified success
      expect((await app.inject({ method: 'POST', url: '/__admin/reset' })).statusCode).toBe(200);
      const ok = await sessionClient(app, `after-${seed}`).getPhone();
      expect(ok.facts.plaintext).toBe(plaintextFor('success', DEMO_USER.mobile));
      expect(ok.facts.verified).toBe(true);
      await app.close();
    },
  );
});
