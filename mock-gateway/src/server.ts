import type { FastifyInstance } from 'fastify';
import { buildGateway, type GatewayOptions } from './app.js';

export interface ListenOptions extends GatewayOptions {
  port?: number;
  host?: string;
}

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway on host:port (default 127.0.0.1, port 0 = any free port). */
export async function startGateway(options: ListenOptions = {}): Promise<RunningGateway> {
  const app = await buildGateway(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
