import type { FastifyInstance } from 'fastify';
import type { MountedMiniProgram } from '../../../mini-program/src/serve/mounted-project.js';
import { buildGateway, miniProgramsOf } from '../../../mock-gateway/src/app.js';
import { isLoopbackHost } from '../../../mock-gateway/src/bridge/bridge-targets.js';
import { tokenProblem } from '../../../mock-gateway/src/routes/exposure.js';
import { SAMPLE_PAGE_PATH } from '../../../mock-gateway/src/routes/stub.js';
import { tokenFor } from '../../../mock-gateway/src/server.js';
import { mountPage, mountSamplePageLazily } from '../integrations/sample-page.js';
import { createServeHooks } from '../playground/serve-hooks.js';
import { runKeys } from '../run/run-keys.js';
import type { RunningTarget } from '../target/start-target.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';
import { type ServeSetup, serveSetup } from './serve-setup.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** keys directory (default: the package's TEST-ONLY keys/) */
  keys?: string;
  /** seeds the fake members */
  seed?: number;
  /** one line per request on stderr */
  log?: boolean;
  /** required on the admin API, the bridges and the stub (generated when listening beyond loopback without one) */
  token?: string;
  /** origins the stub's my.request bridge may reach (default: loopback addresses only) */
  target?: string[];
  /** a mini-program project to compile and serve at /mp/app/ */
  miniProgram?: string;
  /** its first page (a route in app.json) */
  page?: string;
  /** the team's alimock config: its target, contract and page (miniProgram or pageScript) are used by hand too */
  config?: string;
}

/** Compiles the project (the loader lives outside the gateway) and prints its problems on stderr. */
async function compileMiniProgram(
  page: Extract<ServeSetup['page'], { kind: 'project' }>,
  targetUrl: string | undefined,
): Promise<{ ok: true; value: MountedMiniProgram } | { ok: false; reason: string }> {
  const [{ prepareMiniProgram }, { formatDiagnostic }] = await Promise.all([
    import('../../../mini-program/src/prepare.js'),
    import('../../../mini-program/src/diagnostic.js'),
  ]);
  const prepared = await prepareMiniProgram({
    root: page.root,
    ...(page.page !== undefined ? { page: page.page } : {}),
    ...(page.hosts !== undefined ? { hosts: page.hosts } : {}),
    ...(targetUrl !== undefined ? { targetUrl } : {}),
  });
  if (!prepared.ok) return prepared;
  for (const d of prepared.value.diagnostics) process.stderr.write(`alimock: ${formatDiagnostic(d)}\n`);
  return { ok: true, value: prepared.value.mounted };
}

/** The team's page for the playground's phone: its project or page script mounted as `app` (else the FAQ sample). */
async function mountTeamPage(
  app: FastifyInstance,
  setup: ServeSetup,
  targetUrl: string | undefined,
): Promise<{ ok: true; value: string } | { ok: false; reason: string }> {
  const page = setup.page;
  if (page.kind === 'sample') return { ok: true, value: SAMPLE_PAGE_PATH };
  if (page.kind === 'script')
    return mountPage(app, 'app', { pageScript: page.script, ...(targetUrl !== undefined ? { targetUrl } : {}) });
  const compiled = await compileMiniProgram(page, targetUrl);
  if (!compiled.ok) return compiled;
  return { ok: true, value: miniProgramsOf(app).mount('app', compiled.value) };
}

function urlOf(app: FastifyInstance, host: string, fallbackPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : fallbackPort;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listenFailure(e: unknown, host: string, port: number): CommandResult {
  const code = (e as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return runtimeFailure(
      `cannot listen on ${where}: the port is in use — pick another --port, or --port 0 for any free port`,
    );
  if (code === 'EACCES') return runtimeFailure(`cannot listen on ${where}: permission denied — use a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return runtimeFailure(
      `cannot listen on ${where}: no such local address — use --host 127.0.0.1 or another address of this machine`,
    );
  }
  return runtimeFailure(`cannot listen on ${where}: ${(e as Error).message}`);
}

/**
 * `alimock serve`: starts the mock gateway and keeps it running until SIGINT/SIGTERM (then closes, stops a target it
 * started, and exits 0). The first stdout line is exactly `alimock gateway listening on http://HOST:PORT` (scripts
 * wait for it). The playground is at `/`; with `--config`, the team's target, contract and page are used by hand too.
 */
export async function serveCommand(opts: ServeOptions): Promise<CommandResult> {
  const setup = await serveSetup(opts);
  if (!setup.ok) return usageFailure(setup.reason);
  const s = setup.value;
  // as under `alimock run`: the config's appId is the app the pages run as and the playground's controls set up
  const keys = runKeys(s.keysDir, s.appId);
  if (!keys.ok) return usageFailure(keys.reason);
  const appKeys = keys.value;
  const badToken = opts.token === undefined ? undefined : tokenProblem(opts.token);
  if (badToken) return usageFailure(`--token: ${badToken}, e.g. --token "$(openssl rand -hex 16)"`);
  const { token, generated } = tokenFor(opts.host, opts.token);
  // a flag's project is compiled before anything listens: a broken project is a usage error
  let targetUrl = s.target?.kind === 'url' ? s.target.url : undefined;
  let early: MountedMiniProgram | undefined;
  if (s.page.kind === 'project' && s.target?.kind !== 'start') {
    const mp = await compileMiniProgram(s.page, targetUrl);
    if (!mp.ok) return usageFailure(mp.reason);
    early = mp.value;
  }
  const hooks = createServeHooks({ contract: s.contract, targetUrl: () => targetUrl });
  const playground = {
    // the FAQ sample and page scripts log in with app.login(); a team's project logs in by itself
    loginOnLaunch: hooks.mapsLogin && s.page.kind !== 'project',
    ...(s.source !== undefined ? { source: s.source } : {}),
    // the config's miniProgram.button: the phone button "call without a tap" looks for, as under alimock run
    ...(s.page.kind === 'project' && s.page.button !== undefined ? { phoneButton: s.page.button } : {}),
  };
  const app = await buildGateway({
    keys: appKeys,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(opts.target !== undefined && opts.target.length > 0 ? { bridgeTargets: opts.target } : {}),
    ...(early ? { miniPrograms: { app: early } } : {}),
    judge: hooks.judge,
    inspect: hooks.inspect,
    // with a backend the pages' requests are the contract's; without one the page's own (e.g. ?phoneUrl=) stand
    ...(s.target !== undefined ? { pageRequests: hooks.pageRequests } : {}),
    playground,
  });
  if (opts.log) {
    app.addHook('onResponse', async (request, reply) => {
      process.stderr.write(`${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms\n`);
    });
  }
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (e) {
    await app.close().catch(() => undefined);
    return listenFailure(e, opts.host, opts.port);
  }
  const url = urlOf(app, opts.host, opts.port);
  // a config's command (or start function) learns the gateway's address, as under `alimock run`
  let started: RunningTarget | undefined;
  if (s.target?.kind === 'start') {
    const { startTarget } = await import('../target/start-target.js');
    const got = await startTarget(s.target.config, appKeys, url);
    if (!got.ok) {
      await app.close().catch(() => undefined);
      return runtimeFailure(got.reason);
    }
    started = got.value;
    targetUrl = started.url;
  }
  const stopAll = async () => {
    await app.close();
    await started?.stop().catch(() => undefined);
  };
  // the FAQ sample compiles when first opened; a team's page now, so that its problems print at start
  mountSamplePageLazily(app, targetUrl !== undefined ? { targetUrl } : {});
  const page = early ? { ok: true as const, value: '/mp/app/' } : await mountTeamPage(app, s, targetUrl);
  if (!page.ok) {
    await stopAll().catch(() => undefined);
    return runtimeFailure(`the page could not be prepared: ${page.reason}`);
  }
  Object.assign(playground, { pagePath: page.value, ...(targetUrl !== undefined ? { targetUrl } : {}) });

  const q = token !== undefined ? `?token=${token}` : '';
  process.stdout.write(`alimock gateway listening on ${url}\n`);
  if (token === undefined) {
    process.stdout.write(`stub page ${url}/stub/ · health ${url}/__admin/health · Ctrl-C to stop\n`);
  } else {
    process.stdout.write(
      `token ${token} (${generated ? 'generated; ' : ''}send "authorization: Bearer ${token}" or "x-alimock-token: ${token}"; /gateway.do and /__admin/health need none)\n`,
    );
    process.stdout.write(`stub page ${url}/stub/${q} · health ${url}/__admin/health · Ctrl-C to stop\n`);
  }
  process.stdout.write(
    `playground ${url}/${q} — set up each FAQ failure, tap, watch the journal, save it as a scenario\n`,
  );
  if (page.value === '/mp/app/') process.stdout.write(`mini-program ${url}/mp/app/${q}\n`);
  if (started) process.stdout.write(`target ${started.description}\n`);
  if (!isLoopbackHost(opts.host)) {
    process.stderr.write(
      `alimock: warning: listening on ${opts.host}, reachable from other machines: the admin API, the bridges and the stub page need the token${generated ? ' printed above (generated; --token chooses one)' : ''}; so does the playground\n`,
    );
  }

  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(signal === 'SIGINT' ? 130 : 143); // a second signal: give up waiting
    closing = true;
    stopAll().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`alimock: error while closing: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return done;
}
