import type { FastifyInstance } from 'fastify';
import type { MountedMiniProgram } from '../../../mini-program/src/serve/mounted-project.js';
import { buildGateway } from '../../../mock-gateway/src/app.js';
import { isLoopbackHost } from '../../../mock-gateway/src/bridge/bridge-targets.js';
import { defaultKeysDir, loadKeyDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { tokenProblem } from '../../../mock-gateway/src/routes/exposure.js';
import { tokenFor } from '../../../mock-gateway/src/server.js';
import { mountSamplePage } from '../integrations/sample-page.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';

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
}

/** Compiles the project (the loader lives outside the gateway) and prints its problems on stderr. */
async function compileMiniProgram(
  dir: string,
  page: string | undefined,
  targetUrl: string | undefined,
): Promise<{ ok: true; value: MountedMiniProgram } | { ok: false; reason: string }> {
  const { prepareMiniProgram, formatDiagnostic } = await import('../../../mini-program/src/index.js');
  const prepared = await prepareMiniProgram({
    root: dir,
    ...(page !== undefined ? { page } : {}),
    ...(targetUrl !== undefined ? { targetUrl } : {}),
  });
  if (!prepared.ok) return prepared;
  for (const d of prepared.value.diagnostics) process.stderr.write(`alimock: ${formatDiagnostic(d)}\n`);
  return { ok: true, value: prepared.value.mounted };
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
 * `alimock serve`: starts the mock gateway and keeps it running until SIGINT/SIGTERM (then closes and exits 0).
 * The first stdout line is exactly `alimock gateway listening on http://HOST:PORT` (scripts wait for it).
 */
export async function serveCommand(opts: ServeOptions): Promise<CommandResult> {
  const keys = loadKeyDir(opts.keys ?? defaultKeysDir());
  if (!keys.ok) return usageFailure(keys.reason);
  const badToken = opts.token === undefined ? undefined : tokenProblem(opts.token);
  if (badToken) return usageFailure(`--token: ${badToken}, e.g. --token "$(openssl rand -hex 16)"`);
  const { token, generated } = tokenFor(opts.host, opts.token);
  let miniProgram: MountedMiniProgram | undefined;
  if (opts.miniProgram !== undefined) {
    const mp = await compileMiniProgram(opts.miniProgram, opts.page, opts.target?.[0]);
    if (!mp.ok) return usageFailure(mp.reason);
    miniProgram = mp.value;
  }
  const app = await buildGateway({
    keys: keys.value,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(opts.target !== undefined && opts.target.length > 0 ? { bridgeTargets: opts.target } : {}),
    ...(miniProgram ? { miniPrograms: { app: miniProgram } } : {}),
  });
  const sample = await mountSamplePage(app, opts.target?.[0] ? { targetUrl: opts.target[0] } : {});
  if (!sample.ok) {
    await app.close().catch(() => undefined);
    return runtimeFailure(`the FAQ sample page could not be prepared: ${sample.reason}`);
  }
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
  process.stdout.write(`alimock gateway listening on ${url}\n`);
  if (token === undefined) {
    process.stdout.write(`stub page ${url}/stub/ · health ${url}/__admin/health · Ctrl-C to stop\n`);
  } else {
    process.stdout.write(
      `token ${token} (${generated ? 'generated; ' : ''}send "authorization: Bearer ${token}" or "x-alimock-token: ${token}"; /gateway.do and /__admin/health need none)\n`,
    );
    process.stdout.write(`stub page ${url}/stub/?token=${token} · health ${url}/__admin/health · Ctrl-C to stop\n`);
  }
  if (miniProgram) process.stdout.write(`mini-program ${url}/mp/app/${token !== undefined ? `?token=${token}` : ''}\n`);
  if (!isLoopbackHost(opts.host)) {
    process.stderr.write(
      `alimock: warning: listening on ${opts.host}, reachable from other machines: the admin API, the bridges and the stub page need the token${generated ? ' printed above (generated; --token chooses one)' : ''}\n`,
    );
  }

  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(signal === 'SIGINT' ? 130 : 143); // a second signal: give up waiting
    closing = true;
    app.close().then(
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
