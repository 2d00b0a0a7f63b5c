import { type ChildProcess, spawn } from 'node:child_process';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { joinUrl } from './contract.js';

export interface RunningTarget {
  url: string;
  description: string;
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
      if (res.status === 200) return undefined;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `${url} not ready within ${timeoutMs} ms (last: ${last})`;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        child.kill(sig);
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kill('SIGTERM');
  });
}

/** Starts (or attaches to) the target backend and waits until its health path answers 200. */
export async function startTarget(
  config: ResolvedConfig,
  keys: KeyMaterial,
  gatewayUrl?: string,
): Promise<TargetResult> {
  const t = config.target;
  const health = (url: string) => joinUrl(url, config.contract.healthPath);
  if (t.kind === 'reference') {
    const { startReferenceBackend } = await import('../../../examples/reference-backend/src/server.js');
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
  // command
  const child = spawn(t.command as string, {
    shell: true,
    cwd: t.cwd,
    // the command learns where the mock is: ALIMOCK_GATEWAY (base URL), ALIPAY_GATEWAY (its OpenAPI gateway)
    env: {
      ...process.env,
      ...(gatewayUrl ? { ALIMOCK_GATEWAY: gatewayUrl, ALIPAY_GATEWAY: joinUrl(gatewayUrl, '/gateway.do') } : {}),
      ...t.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `the target command exited (${signal ?? `code ${code}`}) before it was ready: ${output.trim().split('\n').slice(-3).join(' | ')}`;
  });
  child.on('error', (e) => {
    exited = `the target command failed to start: ${e.message}`;
  });
  const urlFromOutput = new Promise<string | undefined>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 65_536) output = output.slice(-65_536);
      const m = URL_RE.exec(output);
      if (m) resolve(m[0].replace(/[.,;)]+$/, ''));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('exit', () => resolve(undefined));
  });
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
      const reason = exited ?? `target: the command printed no http:// URL within ${readyTimeoutMs} ms; set target.url`;
      await stopChild(child);
      return { ok: false, reason };
    }
  }
  const notReady = await waitReady(health(url), readyTimeoutMs, () => exited);
  if (notReady) {
    await stopChild(child);
    return { ok: false, reason: `target: ${notReady}` };
  }
  return { ok: true, value: { url, description: `\`${t.command}\` at ${url}`, stop: () => stopChild(child) } };
}
