/**
 * Targets that misbehave: one that never answers the phone route, one that drops the connection, a process that
 * dies on the first phone request, one that answers garbage, and commands that never become a target at all.
 * The run must end in bounded time with crashed/failed verdicts and evidence, or refuse promptly with a reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import type { UserConfig } from '../config/define-config.js';
import type { RunReport, ScenarioResult } from '../core/types.js';
import { FAQ_IDS } from '../test-support/faq-ids.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { startTinyTarget, type TinyTarget } from '../test-support/tiny-target.js';
import { runSuite, type SuiteResult } from './run-suite.js';

const dirs = tempDirs('bad-targets');
const targets: TinyTarget[] = [];
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
  dirs.cleanup();
});

const REFUSES = 'faq1-user-refuses';
const CALLING = FAQ_IDS.filter((id) => id !== REFUSES);

async function timed(user: UserConfig): Promise<{ result: SuiteResult; ms: number }> {
  const config = resolvedConfig({ driver: 'http', groups: ['faq'], reporters: [], reportDir: dirs.make(), ...user });
  const t0 = performance.now();
  const result = await runSuite(config, { scenarios: allScenarios, reporters: [] });
  return { result, ms: performance.now() - t0 };
}

async function report(user: UserConfig): Promise<{ report: RunReport; ms: number }> {
  const { result, ms } = await timed(user);
  if (!result.ok) throw new Error(`runSuite refused: ${result.reason}`);
  return { report: result.value, ms };
}

function scenario(r: RunReport, id: string): ScenarioResult {
  const s = r.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`${id} missing from the report`);
  return s;
}

async function tiny(onPhone: Parameters<typeof startTinyTarget>[0]): Promise<TinyTarget> {
  const t = await startTinyTarget(onPhone);
  targets.push(t);
  return t;
}

/** The refusal scenario never calls the backend, so no backend fault can fail it. */
function expectRefusalStillPasses(r: RunReport): void {
  const s = scenario(r, REFUSES);
  expect(s.status, s.failures.map((f) => f.message).join('; ')).toBe('passed');
  expect(s.verdict).toEqual({ kind: 'no-call' });
}

describe.concurrent('a target that hangs or crashes', () => {
  it('hanging phone route (requestTimeoutMs 500): after 3 timeouts in a row the target is given up on, the rest fail at once', async () => {
    const target = await tiny(() => {
      // never answer
    });
    const { report: r, ms } = await report({ target: target.url, requestTimeoutMs: 500, workers: 2 });
    // the first timeouts cost 0.5 s each (2 workers); every later request fails without being sent
    expect(ms).toBeLessThan(10_000);
    expect(target.hits()).toBeGreaterThanOrEqual(3);
    expect(target.hits()).toBeLessThanOrEqual(4);
    expectRefusalStillPasses(r);
    const timedOut = CALLING.filter(
      (id) => scenario(r, id).evidence.backend[0]?.error === 'no answer within 500 ms (timeout)',
    );
    expect(timedOut.length).toBe(target.hits());
    for (const id of CALLING) {
      const s = scenario(r, id);
      expect(s.status, id).toBe('failed');
      expect(s.verdict?.kind, id).toBe('crashed');
      const exchange = s.evidence.backend[0];
      expect(exchange?.response, id).toBeUndefined();
      if (timedOut.includes(id)) {
        expect(exchange?.durationMs, id).toBeGreaterThanOrEqual(450);
        expect(s.failures[0]?.message, id).toMatch(/no answer within 500 ms/);
      } else {
        expect(exchange?.error, id).toMatch(/^target stopped answering after 3 timeouts of 500 ms/);
        expect(exchange?.durationMs, id).toBe(0);
        expect(s.failures[0]?.message, id).toMatch(/target stopped answering after 3 timeouts/);
      }
    }
    expect(r.summary).toMatchObject({ total: 16, passed: 1, failed: 15 });
  });

  it('a server that destroys the socket on the phone route: crashed with the connection error', async () => {
    const target = await tiny((req) => req.socket.destroy());
    const { report: r, ms } = await report({ target: target.url, requestTimeoutMs: 500, workers: 2 });
    expect(ms).toBeLessThan(30_000);
    expectRefusalStillPasses(r);
    for (const id of CALLING) {
      const s = scenario(r, id);
      expect(s.status, id).toBe('failed');
      expect(s.verdict?.kind, id).toBe('crashed');
      const error = s.evidence.backend[0]?.error ?? '';
      expect(error, id).not.toMatch(/timeout/);
      expect(error, id).toMatch(/socket|closed|reset|ECONNRESET|UND_ERR/i);
      expect(s.verdict?.kind === 'crashed' && s.verdict.reason, id).toBe(error);
    }
  });

  it('a target process that exits on the first phone request: that one resets, the rest are refused', async () => {
    const dir = dirs.make();
    const script = join(dir, 'crashy.mjs');
    writeFileSync(
      script,
      [
        "import { createServer } from 'node:http';",
        'const s = createServer((req, res) => {',
        "  if (req.url === '/healthz') return res.end('ok');",
        '  process.exit(3);',
        '});',
        "s.listen(0, '127.0.0.1', () => console.log('crashy listening on http://127.0.0.1:' + s.address().port));",
      ].join('\n'),
    );
    const { report: r, ms } = await report({
      target: { command: `"${process.execPath}" crashy.mjs`, cwd: dir, readyTimeoutMs: 10_000 },
      requestTimeoutMs: 500,
      workers: 1,
    });
    expect(ms).toBeLessThan(30_000);
    expect(r.target.description).toContain('crashy.mjs');
    expectRefusalStillPasses(r);
    const errors = CALLING.map((id) => scenario(r, id).evidence.backend[0]?.error ?? '(none)');
    for (const id of CALLING) {
      expect(scenario(r, id).status, id).toBe('failed');
      expect(scenario(r, id).verdict?.kind, id).toBe('crashed');
    }
    // after the process is gone, nothing listens any more
    expect(
      errors.slice(1).every((e) => /ECONNREFUSED/.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });
});

describe.concurrent('a target that answers garbage', () => {
  it('200 text/plain "ok": success cases fail (no mobile), failure cases fail (accepted), body kept as evidence', async () => {
    const target = await tiny((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    const { report: r } = await report({ target: target.url, workers: 2 });
    expectRefusalStillPasses(r);
    for (const id of CALLING) {
      const s = scenario(r, id);
      expect(s.status, id).toBe('failed');
      expect(s.verdict, id).toEqual({ kind: 'accepted', mobile: '' });
      expect(s.evidence.backend[0]?.response, id).toMatchObject({ status: 200, body: 'ok' });
      expect(s.failures[0]?.message, id).toMatch(
        s.expected.kind === 'accepted'
          ? /returned mobile "" but the gateway issued/
          : /accepted a payload it must reject/,
      );
    }
  });
});

describe.concurrent('a target that never becomes ready: runSuite refuses promptly with a reason', () => {
  it('a command that exits at once', async () => {
    const { result, ms } = await timed({
      target: { command: `"${process.execPath}" -e "console.error('cannot bind'); process.exit(3)"` },
    });
    expect(ms).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/the target command exited \(code 3\) before it was ready/);
    expect(!result.ok && result.reason).toContain('cannot bind');
  });

  it('a command that does not exist', async () => {
    const { result, ms } = await timed({ target: { command: 'alimock-no-such-backend-binary --port 0' } });
    expect(ms).toBeLessThan(10_000);
    expect(!result.ok && result.reason).toMatch(/exited \(code 127\).*not found/);
  });

  it('a command that runs but never prints a URL', async () => {
    const { result, ms } = await timed({
      target: { command: `"${process.execPath}" -e "setInterval(() => {}, 1000)"`, readyTimeoutMs: 1_000 },
    });
    expect(ms).toBeLessThan(10_000);
    expect(!result.ok && result.reason).toMatch(/printed no http:\/\/ URL within 1000 ms; set target\.url/);
  });

  it('a command whose URL never answers the health check', async () => {
    const { result, ms } = await timed({
      target: {
        command: `"${process.execPath}" -e "setInterval(() => {}, 1000)"`,
        url: 'http://127.0.0.1:1',
        readyTimeoutMs: 1_000,
      },
    });
    expect(ms).toBeLessThan(10_000);
    expect(!result.ok && result.reason).toMatch(/http:\/\/127\.0\.0\.1:1\/healthz not ready within 1000 ms/);
  });

  it('a URL where nothing listens', async () => {
    const { result, ms } = await timed({ target: { url: 'http://127.0.0.1:1', readyTimeoutMs: 1_000 } });
    expect(ms).toBeLessThan(10_000);
    expect(!result.ok && result.reason).toMatch(/not ready within 1000 ms.*is the backend running\?/);
  });

  it('an in-process start() whose health path answers 503', async () => {
    const { result, ms } = await timed({
      target: {
        start: async () => {
          // every path but /healthz answers 503, and the health path is mapped below the URL
          const t = await startTinyTarget((_q, res) => res.writeHead(503).end('starting'));
          return { url: `${t.url}/app`, close: t.close };
        },
        readyTimeoutMs: 1_000,
      },
    });
    expect(ms).toBeLessThan(10_000);
    expect(!result.ok && result.reason).toMatch(
      /^target: .*\/app\/healthz not ready within 1000 ms \(last: HTTP 503\)/,
    );
  });

  it('an in-process start() that throws', async () => {
    const { result, ms } = await timed({
      target: {
        start: async () => {
          throw new Error('EADDRINUSE: port 3000 is taken');
        },
      },
    });
    expect(ms).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('target.start() failed: EADDRINUSE: port 3000 is taken');
  });
});
