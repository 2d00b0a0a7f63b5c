/** The target learns where the mock gateway is (for its login step): start({ gatewayUrl }), env for commands, gatewayPort. */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { startReferenceBackend } from '../../../reference-backend/src/server.js';
import { allScenarios } from '../../../scenarios/index.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('gateway-address');
afterAll(() => dirs.cleanup());

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A backend command (node -e) that answers every phone request with `expr` (evaluated in it) as its error code. */
function echoBackend(expr: string): string {
  return [
    "const http = require('node:http');",
    'const s = http.createServer((q, r) => {',
    "  if (q.url === '/healthz') return r.end('ok');",
    "  r.writeHead(400, { 'content-type': 'application/json' });",
    `  r.end(JSON.stringify({ error: { code: ${expr} } }));`,
    '});',
    "s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));",
    "process.on('SIGTERM', () => s.close(() => process.exit(0)));",
  ].join(' ');
}

describe('the mock gateway address', () => {
  it('listens on gatewayPort and hands its URL to target.start, whose login then works through /gateway.do', async () => {
    const port = await freePort();
    const keys = resolveKeys(undefined);
    let seen = '';
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        gatewayPort: port,
        groups: ['login'],
        reportDir: dirs.make(),
        target: {
          start: ({ gatewayUrl }) => {
            seen = gatewayUrl;
            return startReferenceBackend({
              alipayPublicKey: keys.alipayPublicKey,
              aesKey: keys.aesKey,
              login: { appId: keys.appId, appPrivateKey: keys.appPrivateKey, gatewayUrl: `${gatewayUrl}/gateway.do` },
            });
          },
        },
      }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(seen).toBe(`http://127.0.0.1:${port}`);
    expect(result.value.scenarios[0]?.status).toBe('passed');
  });

  it('tells a target command where it is: ALIMOCK_GATEWAY and ALIPAY_GATEWAY in its environment', async () => {
    const port = await freePort();
    // a backend that answers every phone request with the gateway address it was given, as an error code
    const script = echoBackend("process.env.ALIMOCK_GATEWAY + ' ' + process.env.ALIPAY_GATEWAY");
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        gatewayPort: port,
        grep: '^faq1-no-consent$',
        reportDir: dirs.make(),
        target: { command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}` },
      }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.scenarios[0]?.verdict).toEqual({
      kind: 'rejected',
      code: `http://127.0.0.1:${port} http://127.0.0.1:${port}/gateway.do`,
    });
  });

  it("gives a target command the run's app (ALIMOCK_APP_ID, the config's appId) and the config's target.env", async () => {
    const script = echoBackend("process.env.ALIMOCK_APP_ID + ' ' + process.env.TEAM_FLAG");
    const result = await runSuite(
      resolvedConfig({
        driver: 'http',
        appId: '2021009900000042',
        grep: '^faq1-no-consent$',
        reportDir: dirs.make(),
        target: {
          command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`,
          env: { TEAM_FLAG: 'on' },
        },
      }),
      { scenarios: allScenarios, reporters: [] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.scenarios[0]?.verdict).toEqual({ kind: 'rejected', code: '2021009900000042 on' });
  });

  it('a gatewayPort already in use is a clear refusal, not a crash', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await runSuite(resolvedConfig({ driver: 'http', gatewayPort: port, reportDir: dirs.make() }), {
        scenarios: allScenarios,
        reporters: [],
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(new RegExp(`could not listen on port ${port}`));
    } finally {
      blocker.close();
    }
  });
});
