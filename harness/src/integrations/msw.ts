/**
 * alimock/msw: msw request handlers that answer Alipay's OpenAPI gateway (`/gateway.do`) from the mock, in process.
 *
 *   const alipay = await createAlipayHandlers();
 *   const server = setupServer(...alipay.handlers);             // fetch, http/https clients
 *   new AlipaySdk({ ...keys, proxyAgent: createMswDispatcher(server) as never }); // alipay-sdk 4 (urllib/undici)
 */
import type { FastifyInstance } from 'fastify';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { buildGateway, type GatewayOptions } from '../../../mock-gateway/src/app.js';
import { createGatewayHandle, type GatewayHandle, newSessionId } from './gateway-handle.js';
import { createMswDispatcher, type MswDispatcher } from './msw-dispatcher.js';

export { createGatewayHandle, type GatewayHandle } from './gateway-handle.js';
export {
  createMswDispatcher,
  type DispatcherLike,
  type HandlerSource,
  MswDispatcher,
  type MswDispatcherOptions,
} from './msw-dispatcher.js';
export type { TestKeys } from './test-keys.js';

/** Alipay's OpenAPI gateways: production, and the two sandbox hosts. */
export const ALIPAY_GATEWAY_URLS = [
  'https://openapi.alipay.com/gateway.do',
  'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
  'https://openapi.alipaydev.com/gateway.do',
] as const;

export interface AlipayHandlersOptions {
  /** key material or a keys directory for the gateway built here (default: the package's TEST-ONLY keys/) */
  keys?: GatewayOptions['keys'];
  /** answer from this gateway instead of building one (it is not closed by `close()`) */
  gateway?: FastifyInstance;
  /** more gateway URLs to answer, e.g. a staging host your config points at */
  urls?: readonly string[];
  /** options for the gateway built here (seed, clock, …) */
  gatewayOptions?: Omit<GatewayOptions, 'keys'>;
  /** the session of `handle` (default: a fresh one) */
  session?: string;
}

export interface AlipayHandlers {
  /** `http.post` handlers for each gateway URL: give them to `setupServer(...)` (or `setupWorker`) */
  handlers: HttpHandler[];
  /** the in-process mock gateway the handlers forward to (`gateway.inject(...)` works) */
  gateway: FastifyInstance;
  /** a typed client of that gateway, bound to one session: codes, consents, faults, journal, keys */
  handle: GatewayHandle;
  /**
   * An undici dispatcher answering from `handlers` only: for clients msw's interceptors cannot see (alipay-sdk 4's
   * urllib). Pass it as alipay-sdk's `proxyAgent`. `createMswDispatcher(server)` also sees `server.use()` overrides.
   */
  dispatcher: MswDispatcher;
  /** closes the gateway if it was built here */
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** The resolver: the intercepted request, replayed into the gateway with `inject`; its answer, unchanged. */
function forwardTo(gateway: FastifyInstance) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    const payload = Buffer.from(await request.arrayBuffer());
    let res: Awaited<ReturnType<FastifyInstance['inject']>>;
    try {
      res = await gateway.inject({ method: 'POST', url: `/gateway.do${url.search}`, headers, payload });
    } catch {
      // a transport fault rule (reset) destroyed the connection: the client sees a network error
      return HttpResponse.error();
    }
    const out = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined || name === 'transfer-encoding') continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(name, String(v));
    }
    return new Response(res.rawPayload.length > 0 ? new Uint8Array(res.rawPayload) : null, {
      status: res.statusCode,
      headers: out,
    });
  };
}

/**
 * Handlers that intercept `POST https://openapi.alipay.com/gateway.do` (and the sandbox gateways) and answer from the
 * mock, in process: query string, form body and headers are passed on, the answer's status, headers and body come
 * back unchanged. No port is opened.
 */
export async function createAlipayHandlers(options: AlipayHandlersOptions = {}): Promise<AlipayHandlers> {
  const owned = options.gateway === undefined;
  const gateway =
    options.gateway ??
    (await buildGateway({ ...options.gatewayOptions, ...(options.keys !== undefined ? { keys: options.keys } : {}) }));
  await gateway.ready();
  const resolver = forwardTo(gateway);
  const urls = [...ALIPAY_GATEWAY_URLS, ...(options.urls ?? [])];
  const handlers = urls.map((url) => http.post(url, resolver));
  return {
    handlers,
    gateway,
    handle: createGatewayHandle({ app: gateway }, options.session ?? newSessionId('msw')),
    dispatcher: createMswDispatcher(handlers),
    async close() {
      if (owned) await gateway.close();
    },
  };
}
