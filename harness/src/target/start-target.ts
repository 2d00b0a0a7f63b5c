import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { TargetConfig } from '../config/define-config.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { joinUrl } from './contract.js';
import { spawnWatched, stopWatched } from './watchdog.js';

export interface RunningTarget {
  url: string;
  description: string;
  /** where the command's whole output is saved (command targets) */
  logPath?: string;
  stop(): Promise<void>;
}

export type TargetResult = { ok: true; value: RunningTarget } | { ok: false; reason: string };

const URL_RE = /https?:\/\/[^\s"'<>]+/;

/** Polls GET url until 200 or the deadline. */
async function waitReady(url: string, timeoutMs: number, died?: () => string | undefined): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const death = died?.();
    if (death) return death;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel().catch(() => undefined);
      if (res.status === 200) return undefined;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `${url} not ready within ${timeoutMs} ms (last: ${last})`;
}

export interface StartOptions {
  /** where a command's output is saved as target.log (the report dir) */
  logDir?: string;
}

/** Starts (or attaches to) the target backend and waits until its health path answers 200. */
export async function startTarget(
  config: ResolvedConfig,
  keys: KeyMaterial,
  gatewayUrl?: string,
  options: StartOptions = {},
): Promise<TargetResult> {
  const t = config.target;
  const health = (url: string) => joinUrl(url, config.contract.healthPath);
  if (t.kind === 'reference') {
    const { startReferenceBackend } = await import('../../../reference-backend/src/server.js');
    const started = await startReferenceBackend({
      alipayPublicKey: keys.alipayPublicKey,
      aesKey: keys.aesKey,
      requireSignature: config.requireSignature,
      ...(gatewayUrl
        ? {
            login: {
              appId: keys.appId,
              appPrivateKey: keys.appPrivateKey,
              gatewayUrl: joinUrl(gatewayUrl, '/gateway.do'),
            },
          }
        : {}),
    });
    return {
      ok: true,
      value: { url: started.url, description: 'the bundled reference backend (in-process)', stop: started.close },
    };
  }
  // a backend that is already running should answer at once; one being started gets longer
  const readyTimeoutMs = t.readyTimeoutMs ?? (t.kind === 'url' ? 5_000 : 20_000);
  if (t.kind === 'start') {
    let started: Awaited<ReturnType<NonNullable<typeof t.start>>>;
    try {
      started = await (t.start as NonNullable<typeof t.start>)({ gatewayUrl: gatewayUrl ?? '' });
    } catch (e) {
      return { ok: false, reason: `target.start() failed: ${(e as Error).message.split('\n')[0]}` };
    }
    const notReady = await waitReady(health(started.url), readyTimeoutMs);
    if (notReady) {
      await started.close();
      return { ok: false, reason: `target: ${notReady}` };
    }
    return {
      ok: true,
      value: { url: started.url, description: 'a backend started in-process by the config', stop: started.close },
    };
  }
  if (t.kind === 'url') {
    const url = t.url as string;
    const notReady = await waitReady(health(url), readyTimeoutMs);
    if (notReady)
      return {
        ok: false,
        reason: `target: ${notReady}: is the backend running? (it must answer GET ${config.contract.healthPath} with 200)`,
      };
    return { ok: true, value: { url, description: `a running backend at ${url}`, stop: async () => {} } };
  }
  return startCommand(t, readyTimeoutMs, health, gatewayUrl, keys.appId, options);
}

/** Lines of output a failure shows on the console (the whole output is in target.log). */
const TAIL_LINES = 20;

/** The first line that looks like an error, and the last lines, of a command's output. */
export function summariseOutput(output: string): { firstError: string | undefined; tail: string[] } {
  const lines = output.split(/\r?\n/).filter((l) => l.trim() !== '');
  const firstError = lines.find((l) =>
    /\b(error|exception|fatal|cannot|failed|not found|EADDRINUSE|ENOENT|denied)\b/i.test(l),
  );
  return { firstError, tail: lines.slice(-TAIL_LINES) };
}

/** Is something listening at `url`'s host and port already? (What it is does not matter: it is not ours.) */
function listensAlready(url: string): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port, timeout: 1_000 });
    const done = (yes: boolean) => {
      socket.destroy();
      resolve(yes);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

async function startCommand(
  t: TargetConfig & { kind: string },
  readyTimeoutMs: number,
  health: (url: string) => string,
  gatewayUrl: string | undefined,
  appId: string,
  options: StartOptions,
): Promise<TargetResult> {
  if (t.url) {
    // a stale backend on that port would be tested instead of the fresh one: refuse before starting anything
    if (await listensAlready(t.url))
      return {
        ok: false,
        reason: `target.url ${t.url} is already taken before target.command started: a stale backend (or another program) listens there — stop it, or remove target.command to test the running one`,
      };
  }
  const logPath = options.logDir ? join(options.logDir, 'target.log') : undefined;
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const log = logPath ? createWriteStream(logPath) : undefined;
  const child = spawnWatched({
    command: t.command as string,
    ...(t.cwd ? { cwd: t.cwd } : {}),
    // the command learns where the mock is: ALIMOCK_GATEWAY (base URL), ALIPAY_GATEWAY (its OpenAPI gateway), and
    // the app the page runs as: ALIMOCK_APP_ID
    env: {
      ...process.env,
      ...(gatewayUrl ? { ALIMOCK_GATEWAY: gatewayUrl, ALIPAY_GATEWAY: joinUrl(gatewayUrl, '/gateway.do') } : {}),
      ALIMOCK_APP_ID: appId,
      ...t.env,
    },
  });
  let output = '';
  let exited: string | undefined;
  const failure = (what: string): string => {
    const { firstError, tail } = summariseOutput(output);
    const where = logPath ? ` (whole output: ${logPath})` : '';
    return [
      `${what}${firstError ? `; first error: ${firstError.trim()}` : ''}${where}`,
      ...(tail.length > 0 ? [`last ${tail.length} lines of its output:`, ...tail.map((l) => `  | ${l}`)] : []),
    ].join('\n');
  };
  child.on('exit', (code, signal) => {
    exited = failure(`the target command exited (${signal ?? `code ${code}`}) before it was ready`);
  });
  child.on('error', (e) => {
    exited = `the target command failed to start: ${e.message}`;
  });
  const urlFromOutput = new Promise<string | undefined>((resolve) => {
    const onData = (chunk: Buffer, fromStdout: boolean) => {
      const text = chunk.toString();
      log?.write(chunk);
      output += text;
      if (output.length > 1_048_576) output = output.slice(-1_048_576);
      const m = fromStdout ? URL_RE.exec(output) : null;
      if (m) resolve(m[0].replace(/[.,;)]+$/, ''));
    };
    child.stdout?.on('data', (c: Buffer) => onData(c, true));
    child.stderr?.on('data', (c: Buffer) => onData(c, false));
    child.on('exit', () => resolve(undefined));
  });
  const stop = async () => {
    await stopWatched(child);
    await new Promise<void>((r) => (log ? log.end(() => r()) : r()));
  };
  let url = t.url;
  if (!url) {
    let timer: NodeJS.Timeout | undefined;
    url = await Promise.race([
      urlFromOutput,
      new Promise<undefined>((r) => {
        timer = setTimeout(() => r(undefined), readyTimeoutMs);
      }),
    ]);
    // a pending timer would keep the process (the CLI) alive for readyTimeoutMs after the run
    clearTimeout(timer);
    if (!url) {
      // decide the reason before stopping it: the SIGTERM below would otherwise read as "the command exited"
      const reason =
        exited ?? failure(`target: the command printed no http:// URL within ${readyTimeoutMs} ms; set target.url`);
      await stop();
      return { ok: false, reason };
    }
  }
  const notReady = await waitReady(health(url), readyTimeoutMs, () => exited);
  if (notReady) {
    const reason = exited ?? failure(`target: ${notReady}`);
    await stop();
    return { ok: false, reason };
  }
  return {
    ok: true,
    value: { url, description: `"${t.command}" at ${url}`, stop, ...(logPath ? { logPath } : {}) },
  };
}
