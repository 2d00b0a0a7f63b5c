/**
 * Listens. As a CLI (`node dist/examples/reference-backend/src/server.js`) it prints exactly one first line,
 * `reference backend listening on http://HOST:PORT`, and shuts down on SIGTERM/SIGINT.
 */
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildReferenceBackend, type ReferenceBackendOptions } from './app.js';
import { resolveServerConfig, type ServerConfig } from './config.js';

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

if (isMainModule(import.meta.url)) {
  await runBackendCli('reference backend', (config) =>
    buildReferenceBackend({
      alipayPublicKey: config.keys.alipayPublicKey,
      aesKey: config.keys.aesKey,
      requireSignature: config.requireSignature,
    }),
  );
}
