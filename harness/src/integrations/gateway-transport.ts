import type { FastifyInstance } from 'fastify';

/** One HTTP exchange with the gateway, without caring whether it crosses a socket. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** path and query, e.g. `/__admin/journal?api=gateway` */
  path: string;
  headers: Record<string, string>;
  /** JSON text */
  body?: string;
}

export interface TransportAnswer {
  status: number;
  body: string;
}

export type GatewayTransport = (request: TransportRequest) => Promise<TransportAnswer>;

/**
 * In process: `app.inject()`, no socket. Also immune to request interception (msw's `setupServer` patches `fetch`
 * and `http.request`, and would otherwise see, or refuse, the harness's own admin calls).
 */
export function injectTransport(app: FastifyInstance): GatewayTransport {
  return async ({ method, path, headers, body }) => {
    const res = await app.inject({ method, url: path, headers, ...(body !== undefined ? { payload: body } : {}) });
    return { status: res.statusCode, body: res.body };
  };
}

/** Over HTTP with `fetch`, for a gateway in another process (`alimock serve`). */
export function fetchTransport(baseUrl: string, timeoutMs = 15_000): GatewayTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async ({ method, path, headers, body }) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.text() };
  };
}
