/**
 * `alimock serve --config FILE` clicks through the team's own set-up by hand: the config's target command is started
 * (and stopped with serve), the playground's phone logs in on launch with the contract's login request, and its phone
 * request — built by the contract: PUT, a form body, an app-key header and the login's token — reaches the team's
 * backend, judged by the contract's readers (errors as HTTP 200 { code }). Saved as a scenario, the session runs and
 * passes with `alimock run --config FILE --scenarios`. In real Chromium; the built bin is spawned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../test-support/built-cli.js';
import { closeTestContexts, sharedTestBrowser } from '../test-support/chromium.js';
import { type Serving, spawnServe } from '../test-support/spawn-serve.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('serve-config');

/** The team's backend: a login that hands out a token, a phone route that needs it (it trusts the payload: a stub). */
const BACKEND = `
import { createServer } from 'node:http';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const send = (status, value) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'GET' && req.url === '/healthz') return send(200, { ok: true });
    if (req.method === 'POST' && req.url === '/auth/session') {
      const code = JSON.parse(body || '{}').code;
      return code ? send(200, { code: 0, data: { uid: '2088000000000001', token: 'tok-' + code.slice(0, 6) } }) : send(200, { code: 'NO_CODE' });
    }
    if (req.method === 'PUT' && req.url === '/v2/member/phone') {
      if (req.headers['x-app-key'] !== 'team-key') return send(200, { code: 'NO_APP_KEY' });
      if (!/^Bearer tok-\\w{6}$/.test(req.headers.authorization ?? '')) return send(200, { code: 'LOGIN_REQUIRED' });
      const payload = new URLSearchParams(body).get('payload') ?? '';
      return payload.includes('"sign"') ? send(200, { code: 0, data: { mobile: '13800138000' } }) : send(200, { code: 'SIGNATURE_MISSING' });
    }
    send(404, { code: 'NOT_FOUND' });
  });
});
server.listen(0, '127.0.0.1', () => console.log('team backend listening on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const CONFIG = `
export default {
  appId: '2021009900000042',
  target: { command: 'node backend.mjs' },
  contract: {
    phonePath: '/v2/member/phone',
    buildLoginRequest: (authCode) => ({ path: '/auth/session', body: JSON.stringify({ code: authCode }), contentType: 'application/json' }),
    readLogin: (body) => (body && body.code === 0 ? { userId: body.data.uid, token: body.data.token } : undefined),
    buildPhoneRequest: (encryptedData, { login }) => ({
      method: 'PUT',
      headers: { 'x-app-key': 'team-key', ...(login?.token ? { authorization: 'Bearer ' + login.token } : {}) },
      body: new URLSearchParams({ payload: encryptedData }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
    readErrorCode: (body) => (body && body.code !== 0 ? String(body.code) : undefined),
    readMobile: (body) => body?.data?.mobile,
  },
};
`;

interface Served extends Serving {
  /** the backend serve started from the config's command */
  target: string;
}

const TARGET_LINE = /^target "node backend\.mjs" at (http:\/\/\S+)$/m;

/** The built `alimock serve …` in `cwd`, once it printed where the config's backend runs. */
async function serve(cwd: string, args: string[]): Promise<Served> {
  const s = await spawnServe(args, { cwd, ready: (out) => TARGET_LINE.test(out) });
  return { ...s, target: TARGET_LINE.exec(s.stdout())?.[1] as string };
}

let dir: string;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  dir = dirs.make();
  writeFileSync(join(dir, 'backend.mjs'), BACKEND);
  writeFileSync(join(dir, 'alimock.config.mjs'), CONFIG);
  [served, browser] = await Promise.all([serve(dir, ['--config', 'alimock.config.mjs']), sharedTestBrowser()]);
}, 120_000);

afterAll(async () => {
  await closeTestContexts();
  if (served?.child.exitCode === null) served.child.kill('SIGKILL');
  dirs.cleanup();
});

describe('alimock serve --config', () => {
  it("clicks through the team's contract: login on launch, the phone request with its token, judged by the contract", async () => {
    const config = (await (await fetch(`${served.url}/__admin/playground`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      targetUrl: served.target,
      loginOnLaunch: true,
      contractRequests: true,
      source: expect.stringMatching(/alimock\.config\.mjs: contract, target \(command\), appId 2021009900000042$/),
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${served.url}/?session=cfg-1`);
    const log = page.getByRole('log', { name: 'Journal' });
    await log
      .getByText(/page → backend \(login request\): POST http:\/\/127\.0\.0\.1:\d+\/auth\/session → HTTP 200/)
      .waitFor();
    const phone = await page
      .getByTitle('Mini-program page (the phone)')
      .elementHandle()
      .then((h) => h?.contentFrame());
    if (!phone) throw new Error('no phone frame');
    await phone.getByRole('button', { name: '授权手机号' }).click();
    await phone.getByRole('button', { name: '允许' }).click();
    await log
      .getByText(
        /page → backend \(phone request\): PUT http:\/\/127\.0\.0\.1:\d+\/v2\/member\/phone → HTTP 200 · verdict: accepted with mobile 13800138000/,
      )
      .waitFor();
    await phone.getByRole('status').getByText('手机号绑定成功').waitFor();

    const entries = (
      (await (await fetch(`${served.url}/__admin/journal?session=cfg-1&api=request`)).json()) as {
        entries: Array<{ role: string; target: string; request: string }>;
      }
    ).entries;
    expect(entries.map((e) => e.role)).toEqual(['login', 'phone']);
    // the page runs as the config's app, and the playground's console settings are that app's
    const issued = (
      (await (await fetch(`${served.url}/__admin/journal?session=cfg-1&api=getPhoneNumber`)).json()) as {
        entries: Array<{ appId?: string }>;
      }
    ).entries;
    expect(issued.map((e) => e.appId)).toEqual(['2021009900000042']);
    expect((await fetch(`${served.url}/__admin/apps/2021009900000042?session=cfg-1`)).status).toBe(200);
    expect(entries[1]?.request).toMatch(/^payload=%7B%22response%22/);

    // a page that has not logged in: no token, refused with the contract's code in a 200 answer
    const s3 = { 'content-type': 'application/json', 'x-alimock-session': 'cfg-3' };
    const post = async (path: string, body: unknown) =>
      (
        await fetch(`${served.url}${path}`, { method: 'POST', headers: s3, body: JSON.stringify(body) })
      ).json() as Promise<Record<string, unknown>>;
    const { response } = (await post('/jsapi/getPhoneNumber', {})) as { response: string };
    const request = (await post('/mp/faq-sample/page-request', { kind: 'phone', value: response })) as {
      headers: Record<string, string>;
    };
    expect(request.headers.authorization).toBeUndefined();
    expect(await post('/mp/faq-sample/request', request)).toMatchObject({ ok: true, status: 200 });
    const refused = (
      (await (await fetch(`${served.url}/__admin/journal?session=cfg-3&api=request`)).json()) as {
        entries: Array<{ role: string; verdict: unknown }>;
      }
    ).entries;
    expect(refused).toEqual([
      expect.objectContaining({ role: 'phone', verdict: { kind: 'rejected', code: 'LOGIN_REQUIRED' } }),
    ]);
    await page.close();

    const file = join(dir, 'cfg-1.json');
    writeFileSync(file, await (await fetch(`${served.url}/__admin/sessions/cfg-1/scenario`)).text());
    const run = await runCli(
      ['run', '--config', 'alimock.config.mjs', '--scenarios', file, '--driver', 'http', '--report-dir', 'report'],
      { cwd: dir, timeoutMs: 90_000 },
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/1 passed, 0 failed/);
  }, 120_000);

  it('stops the target command it started when it stops', async () => {
    const stopped = new Promise<number | null>((done) => served.child.once('exit', done));
    served.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    await expect(fetch(`${served.target}/healthz`)).rejects.toThrow();
  });
});
