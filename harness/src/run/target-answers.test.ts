/**
 * Nothing a target answers aborts the run: at the login or at the phone request, an HTML 404, text, an empty body,
 * a huge body, an answer cut off midway, a slow answer or a reset makes those scenarios fail with the evidence;
 * the run ends, and all four reports are written.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import type { UserConfig } from '../config/define-config.js';
import type { RunReport } from '../core/types.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { startTinyTarget, type TinyTarget } from '../test-support/tiny-target.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('target-answers');
const targets: TinyTarget[] = [];
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
  dirs.cleanup();
});

type Answer = (res: ServerResponse) => void;

/**
 * The kinds of answer, each with what the report must say about it. Only the slow answer is about the timeout: the
 * others get a generous one, so that a loaded machine (14 runs at once here) never turns them into timeouts.
 */
const ANSWERS: Record<string, { answer: Answer; says: RegExp; timeoutMs?: number }> = {
  'an HTML 404 page': {
    answer: (res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Cannot POST</body></html>'),
    says: /HTTP 404/,
  },
  'text that is not JSON': {
    answer: (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    says: /accepted|no member in the answer/,
  },
  'an empty body': {
    answer: (res) => res.writeHead(200).end(),
    says: /accepted|no member in the answer/,
  },
  'a 3 MB body': {
    answer: (res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`),
    says: /3145\d+ bytes; alimock reads 1 MiB/,
  },
  'an answer cut off midway': {
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"mobile":"138');
      setTimeout(() => res.destroy(), 20);
    },
    says: /cut off after \d+ bytes/,
  },
  'a slow answer (after the timeout)': {
    answer: (res) => {
      setTimeout(() => res.writeHead(200).end('{}'), 1_500);
    },
    says: /no answer within 400 ms \(timeout\)|target stopped answering/,
    timeoutMs: 400,
  },
  'a reset': {
    answer: (res) => res.socket?.destroy(),
    says: /ECONNRESET|socket hang up/,
  },
};

/** A target whose login or phone route answers badly; the other route and the health check behave. */
async function target(where: 'login' | 'phone', answer: Answer): Promise<TinyTarget> {
  const t = await startTinyTarget((req: IncomingMessage, res: ServerResponse) => {
    const login = req.url === '/session';
    if ((where === 'login') === login) return answer(res);
    if (login)
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"userId":"2088x","token":"t"}');
    res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":{"code":"AUTH_REQUIRED"}}');
  });
  targets.push(t);
  return t;
}

async function run(t: TinyTarget, requestTimeoutMs: number): Promise<{ report: RunReport; dir: string }> {
  const dir = dirs.make();
  const user: UserConfig = {
    target: t.url,
    driver: 'http',
    groups: ['faq'],
    workers: 2,
    requestTimeoutMs,
    reportDir: dir,
    reporters: ['json', 'junit', 'markdown', 'html'],
    contract: {
      buildLoginRequest: (authCode) => ({
        path: '/session',
        body: JSON.stringify({ code: authCode }),
        contentType: 'application/json',
      }),
      buildPhoneRequest: (encryptedData, { login }) => ({
        body: JSON.stringify({ encryptedData }),
        contentType: 'application/json',
        headers: { authorization: `Bearer ${login?.token ?? 'none'}` },
      }),
    },
  };
  const result = await runSuite(resolvedConfig(user), { scenarios: allScenarios });
  if (!result.ok) throw new Error(`the run did not complete: ${result.reason}`);
  return { report: result.value, dir };
}

function expectAllReports(dir: string): void {
  for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md'])
    expect(existsSync(join(dir, f)), f).toBe(true);
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
  expect(json.summary.total).toBe(16);
}

describe.concurrent.each(['login', 'phone'] as const)('a target whose %s route answers badly', (where) => {
  it.each(Object.entries(ANSWERS))(
    '%s: the run completes, the scenarios fail with the evidence, all reports are written',
    async (_kind, { answer, says, timeoutMs }) => {
      const t = await target(where, answer);
      const { report, dir } = await run(t, timeoutMs ?? 5_000);
      expectAllReports(dir);
      const failed = report.scenarios.filter((s) => s.status === 'failed');
      if (where === 'login') {
        // every scenario logs in first (the contract maps a login): each fails at the login, naming it
        expect(failed.length).toBe(16);
        for (const s of failed) {
          expect(s.failures.map((f) => f.message).join('\n'), s.id).toMatch(
            /login|no login route|target stopped answering/,
          );
          expect(s.steps.find((st) => st.status === 'failed')?.label, s.id).toMatch(/log in on launch/);
        }
        expect(failed.map((s) => s.failures[0]?.message).join('\n')).toMatch(says);
      } else {
        // the refusal never reaches the phone route
        expect(failed.length).toBeGreaterThanOrEqual(14);
        expect(report.scenarios.find((s) => s.id === 'faq1-user-refuses')?.status).toBe('passed');
        const phone = failed.flatMap((s) => s.evidence.backend.filter((x) => x.role === 'phone'));
        expect(phone.length).toBeGreaterThan(0);
        const said = failed.map(
          (s) =>
            `${s.failures.map((f) => f.message).join(' ')} ${s.verdict?.kind === 'crashed' ? s.verdict.reason : ''}`,
        );
        expect(said.join('\n')).toMatch(says);
      }
    },
  );
});
