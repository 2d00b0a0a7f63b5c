import type { FastifyInstance } from 'fastify';
import { buildGateway, type GatewayOptions } from './app.js';
import { isLoopbackHost } from './bridge/bridge-targets.js';
import { generateToken } from './routes/exposure.js';

export interface ListenOptions extends GatewayOptions {
  port?: number;
  host?: string;
}

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  /** the token the admin, bridge and stub routes require (set, or generated for a non-loopback host) */
  token?: string;
  close(): Promise<void>;
}

/**
 * The token a gateway listening on `host` needs: the one given, or for an address beyond loopback (which other
 * machines can reach) a fresh one, so that it is never open there. Undefined: loopback, no token asked.
 */
export function tokenFor(host: string, token: string | undefined): { token: string | undefined; generated: boolean } {
  if (token !== undefined) return { token, generated: false };
  if (isLoopbackHost(host)) return { token: undefined, generated: false };
  return { token: generateToken(), generated: true };
}

/** Starts the gateway on host:port (default 127.0.0.1, port 0 = any free port). */
export async function startGateway(options: ListenOptions = {}): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  const { token } = tokenFor(host, options.token);
  const app = await buildGateway({ ...options, ...(token !== undefined ? { token } : {}) });
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    url: `http://${shownHost}:${port}`,
    ...(token !== undefined ? { token } : {}),
    close: () => app.close(),
  };
}
