import { EventEmitter } from 'node:events';
import { getResponse, RequestHandler } from 'msw';

/**
 * An undici dispatcher that answers requests with msw handlers.
 *
 * Why: msw's Node interceptors cover `http`/`https` `ClientRequest`, `XMLHttpRequest` and the global `fetch`.
 * Clients built on undici's own `request()` — `urllib` 4, which the official `alipay-sdk` 4 uses for `exec` — open
 * sockets directly and are invisible to them (mswjs/msw#2165). undici lets a caller choose the dispatcher of a
 * request, and msw exposes `getResponse(handlers, request)` to run handlers without interception: this class joins
 * the two, as msw's maintainers suggest. `alipay-sdk` takes a dispatcher as its `proxyAgent` option, passed straight
 * to urllib as `dispatcher`.
 *
 * It implements undici's `Dispatcher#dispatch(options, handler)` contract (both the handler API undici 7's
 * `request()` uses — `onConnect`/`onHeaders`/`onData`/`onComplete`/`onError` — and the newer controller API).
 * A request no handler answers goes to `fallback` when one is given, else fails like `onUnhandledRequest: 'error'`.
 */

/** The part of undici's `Dispatcher` this needs from a fallback. */
export interface DispatcherLike {
  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean;
}

/** undici's dispatch options, as far as a mocked request needs them. */
export interface DispatchOptions {
  origin?: string | URL;
  path: string;
  method: string;
  headers?: unknown;
  body?: unknown;
  [key: string]: unknown;
}

type Fn = (...args: never[]) => unknown;
/** undici's dispatch handler (legacy or controller API); only the methods present are called. */
export type DispatchHandler = Partial<Record<string, Fn>>;

/**
 * Where the handlers come from: a fixed list, or an msw server (its current list, `server.use()` overrides included;
 * WebSocket handlers in it are skipped).
 */
export type HandlerSource = readonly RequestHandler[] | { listHandlers(): ReadonlyArray<unknown> };

export interface MswDispatcherOptions {
  /** dispatcher for requests no handler answers (default: fail them) */
  fallback?: DispatcherLike;
}

function headersOf(raw: unknown): Headers {
  const headers = new Headers();
  const add = (k: unknown, v: unknown) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) for (const item of v) headers.append(String(k), String(item));
    else headers.append(String(k), String(v));
  };
  if (raw === undefined || raw === null) return headers;
  if (Array.isArray(raw)) {
    // undici's flat form: [name, value, name, value, …]
    if (raw.every((x) => !Array.isArray(x))) for (let i = 0; i + 1 < raw.length; i += 2) add(raw[i], raw[i + 1]);
    else for (const pair of raw as unknown[][]) add(pair[0], pair[1]);
    return headers;
  }
  if (typeof raw === 'object') {
    // Headers, Map, arrays of pairs: [name, value] entries
    if (Symbol.iterator in raw) for (const [k, v] of raw as Iterable<[unknown, unknown]>) add(k, v);
    else for (const [k, v] of Object.entries(raw)) add(k, v);
  }
  return headers;
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
  if (
    typeof body === 'object' &&
    (body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams)
  ) {
    return new Uint8Array(await new Response(body).arrayBuffer());
  }
  throw new TypeError(`alimock/msw: cannot send a request body of type ${Object.prototype.toString.call(body)}`);
}

function rawHeadersOf(headers: Headers): Buffer[] {
  const raw: Buffer[] = [];
  headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    raw.push(Buffer.from(name), Buffer.from(value));
  });
  for (const cookie of headers.getSetCookie()) raw.push(Buffer.from('set-cookie'), Buffer.from(cookie));
  return raw;
}

function headerRecord(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/** Calls a handler method if the handler has it. */
function call(handler: DispatchHandler, name: string, ...args: unknown[]): unknown {
  const fn = handler[name] as ((...a: unknown[]) => unknown) | undefined;
  return typeof fn === 'function' ? fn.apply(handler, args) : undefined;
}

export class MswDispatcher extends EventEmitter implements DispatcherLike {
  private closed = false;

  constructor(
    private readonly source: HandlerSource,
    private readonly options: MswDispatcherOptions = {},
  ) {
    super();
  }

  private handlers(): RequestHandler[] {
    const s = this.source;
    const list: ReadonlyArray<unknown> = 'listHandlers' in s ? s.listHandlers() : s;
    return list.filter((h): h is RequestHandler => h instanceof RequestHandler);
  }

  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean {
    if (this.closed) {
      queueMicrotask(() => this.fail(handler, new Error('alimock/msw: the dispatcher is closed')));
      return false;
    }
    void this.run(options, handler);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async destroy(): Promise<void> {
    this.closed = true;
  }

  private fail(handler: DispatchHandler, error: Error): void {
    if (typeof handler.onError === 'function') call(handler, 'onError', error);
    else call(handler, 'onResponseError', controllerStub(), error);
  }

  private async run(options: DispatchOptions, handler: DispatchHandler): Promise<void> {
    let request: Request;
    let bytes: Uint8Array | undefined;
    try {
      const url = new URL(options.path, options.origin);
      const method = options.method.toUpperCase();
      bytes = method === 'GET' || method === 'HEAD' ? undefined : await bodyBytes(options.body);
      request = new Request(url, {
        method,
        headers: headersOf(options.headers),
        ...(bytes ? { body: new Uint8Array(bytes) } : {}),
      });
    } catch (e) {
      return this.fail(handler, e as Error);
    }
    let response: Response | undefined;
    try {
      response = await getResponse(this.handlers(), request);
    } catch (e) {
      return this.fail(handler, e as Error);
    }
    if (!response) {
      if (this.options.fallback) {
        // the body was read: hand the fallback the bytes
        this.options.fallback.dispatch({ ...options, ...(bytes ? { body: Buffer.from(bytes) } : {}) }, handler);
        return;
      }
      return this.fail(handler, new Error(`alimock/msw: no msw handler for ${request.method} ${request.url}`));
    }
    if (response.type === 'error')
      return this.fail(handler, new TypeError('alimock/msw: network error (HttpResponse.error())'));
    await this.deliver(response, handler);
  }

  private async deliver(response: Response, handler: DispatchHandler): Promise<void> {
    const legacy = typeof handler.onHeaders === 'function';
    const controller = controllerStub();
    let aborted: Error | undefined;
    try {
      if (legacy) {
        call(handler, 'onConnect', (reason?: Error) => {
          aborted = reason ?? new Error('aborted');
        });
        if (aborted) return this.fail(handler, aborted);
        call(
          handler,
          'onHeaders',
          response.status,
          rawHeadersOf(response.headers),
          () => undefined,
          response.statusText,
        );
      } else {
        call(handler, 'onRequestStart', controller, {});
        call(
          handler,
          'onResponseStart',
          controller,
          response.status,
          headerRecord(response.headers),
          response.statusText,
        );
      }
      if (response.body) {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          if (aborted || controller.aborted)
            return this.fail(handler, aborted ?? controller.reason ?? new Error('aborted'));
          const buf = Buffer.from(chunk);
          if (legacy) call(handler, 'onData', buf);
          else call(handler, 'onResponseData', controller, buf);
        }
      }
      if (legacy) call(handler, 'onComplete', []);
      else call(handler, 'onResponseEnd', controller, {});
    } catch (e) {
      this.fail(handler, e as Error);
    }
  }
}

function controllerStub() {
  const c = {
    aborted: false,
    paused: false,
    reason: undefined as Error | undefined,
    abort(reason?: Error) {
      c.aborted = true;
      c.reason = reason ?? new Error('aborted');
    },
    pause() {
      c.paused = true;
    },
    resume() {
      c.paused = false;
    },
  };
  return c;
}

/** An undici dispatcher answering from msw handlers: pass it as alipay-sdk's `proxyAgent` (or urllib's `dispatcher`). */
export function createMswDispatcher(source: HandlerSource, options: MswDispatcherOptions = {}): MswDispatcher {
  return new MswDispatcher(source, options);
}
