/**
 * Listens. As a CLI (`node dist/reference-backend/src/server.js`) it prints exactly one first line,
 * `reference backend listening on http://HOST:PORT`, and shuts down on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildReferenceBackend, type ReferenceBackendOptions } from './app.js';
import { packageRoot, resolveServerConfig, type ServerConfig } from './config.js';
import type { LoginOptions } from './login.js';

export interface StartedBackend {
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  host?: string;
  port?: number;
}

/** Listens on `host:port` (default 127.0.0.1, a free port) and returns the base URL. */
export async function listenBackend(app: FastifyInstance, listen: ListenOptions = {}): Promise<StartedBackend> {
  const host = listen.host ?? '127.0.0.1';
  await app.listen({ host, port: listen.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${hostPart}:${address.port}`, close: () => app.close() };
}

export async function startReferenceBackend(options: ReferenceBackendOptions & ListenOptions): Promise<StartedBackend> {
  const { host, port, ...backendOptions } = options;
  return listenBackend(buildReferenceBackend(backendOptions), { host, port });
}

/**
 * Shared CLI body for the reference and broken backends: resolve env config, build, listen, print the
 * `<label> listening on <url>` line, close on SIGTERM/SIGINT. Misconfiguration: one line on stderr, exit 2.
 */
export async function runBackendCli(label: string, build: (config: ServerConfig) => FastifyInstance): Promise<void> {
  const resolved = resolveServerConfig(process.env);
  if (!resolved.ok) {
    process.stderr.write(`${label}: ${resolved.reason}\n`);
    process.exit(2);
  }
  let started: StartedBackend;
  try {
    started = await listenBackend(build(resolved.config), resolved.config);
  } catch (error) {
    process.stderr.write(`${label}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  process.stdout.write(`${label} listening on ${started.url}\n`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    started.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

export function isMainModule(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === metaUrl;
}

/**
 * Login (POST /api/alipay/login) is on when ALIPAY_GATEWAY names an OpenAPI gateway (Alipay's, or the mock's
 * http://127.0.0.1:PORT/gateway.do); the app id and private key come from KEYS_DIR (app.json, app-private.pem) or
 * APP_ID / APP_PRIVATE_KEY.
 */
function loginFromEnv(env: NodeJS.ProcessEnv): LoginOptions | undefined {
  if (!env.ALIPAY_GATEWAY) return undefined;
  const dir = env.KEYS_DIR ? resolve(env.KEYS_DIR) : join(packageRoot(), 'keys');
  const appId = env.APP_ID ?? (JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { appId: string }).appId;
  const appPrivateKey = env.APP_PRIVATE_KEY ?? readFileSync(join(dir, 'app-private.pem'), 'utf8');
  return { appId, appPrivateKey, gatewayUrl: env.ALIPAY_GATEWAY };
}

if (isMainModule(import.meta.url)) {
  await runBackendCli('reference backend', (config) => {
    const login = loginFromEnv(process.env);
    return buildReferenceBackend({
      alipayPublicKey: config.keys.alipayPublicKey,
      aesKey: config.keys.aesKey,
      requireSignature: config.requireSignature,
      ...(login ? { login } : {}),
    });
  });
}
