import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpExchange } from '../core/types.js';

export interface BackendRequest {
  method: string;
  url: string;
  body?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Request and answer bodies kept in the evidence (the report): cut past this. */
const MAX_BODY_KEPT = 64 * 1024;
/** Answer bytes read for judging (a longer answer is cut here and said to be). */
const MAX_BODY_READ = 1024 * 1024;

/** The full answer text (up to 1 MiB) of an exchange, for the readers; the evidence keeps 64 KiB. */
const fullBodies = new WeakMap<HttpExchange, string>();

/** The answer text the contract's readers see (the whole answer up to 1 MiB). */
export function answerText(exchange: HttpExchange): string | undefined {
  return fullBodies.get(exchange) ?? exchange.response?.body;
}

/** A body as evidence: text (cut past 64 KiB, saying how long it was), bytes shown as text. */
function shown(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const size = typeof body === 'string' ? `${body.length} chars` : `${body.length} bytes`;
  return text.length > MAX_BODY_KEPT ? `${text.slice(0, 2048)}… (${size})` : text;
}

/** Sockets that already have the error guard (see send). */
const guarded = new WeakSet<object>();

type Raw =
  | { status: number; headers: Record<string, string>; body: string; size: number; cut?: string }
  | { error: string };

/**
 * node:http rather than fetch: a backend may answer (413, 400) before it has read a large body and close the
 * connection; the answer counts, the client's broken pipe afterwards does not.
 */
function send(req: BackendRequest, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Raw) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(r);
      }
    };
    let responded = false;
    const url = new URL(req.url);
    const body =
      req.body === undefined
        ? undefined
        : typeof req.body === 'string'
          ? Buffer.from(req.body, 'utf8')
          : Buffer.from(req.body);
    let request: ReturnType<typeof httpRequest>;
    try {
      request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: req.method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          let size = 0;
          let kept = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (kept < MAX_BODY_READ) {
              const part = c.subarray(0, MAX_BODY_READ - kept);
              chunks.push(part);
              kept += part.length;
            }
          });
          const finish = (cut?: string) => {
            const responseHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
            const text = Buffer.concat(chunks).toString('utf8');
            done({
              status: res.statusCode ?? 0,
              headers: responseHeaders,
              body: text,
              size,
              ...(cut
                ? { cut }
                : size > MAX_BODY_READ
                  ? { cut: `the answer is ${size} bytes; alimock reads 1 MiB` }
                  : {}),
            });
          };
          res.on('end', () => finish());
          res.on('error', () => finish(`the answer was cut off after ${size} bytes (connection reset)`));
          res.on('aborted', () => finish(`the answer was cut off after ${size} bytes (connection reset)`));
        },
      );
    } catch (e) {
      // an invalid method or header the contract produced: node refuses it before sending
      resolve({ error: `the request could not be sent: ${(e as Error).message}` });
      return;
    }
    // a socket error after the answer (EPIPE while the rest of a large body was still being written) is not the
    // backend's fault, and must never become an unhandled 'error' event
    request.on('socket', (socket) => {
      if (guarded.has(socket)) return; // a kept-alive socket is reused: one listener each
      guarded.add(socket);
      socket.on('error', () => undefined);
    });
    const timer = setTimeout(() => {
      done({ error: `no answer within ${req.timeoutMs} ms (timeout)` });
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) => {
      if (responded) return; // an early answer already counted: a broken pipe afterwards is not the backend's fault
      const error = `${e.code ?? e.name}: ${e.message}`;
      // nothing listens: no answer can follow
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return done({ error });
      // a reset or broken pipe may still be followed by an early answer (413 before the body was read): node parses
      // what already arrived right after this event (it never reads more from a socket that failed), so a short
      // wait is enough; and this is no longer a timeout, whatever requestTimeoutMs is
      clearTimeout(timer);
      setTimeout(() => done({ error }), 50);
    });
    request.end(body);
  });
}

/** Is this exchange's failure a timeout (the target did not answer in time)? */
export function isTimeout(exchange: HttpExchange): boolean {
  return !exchange.response && /\(timeout\)$/.test(exchange.error ?? '');
}

/**
 * One request to the target backend, recorded as evidence. Never throws: no answer, reset or timeout becomes an
 * exchange with `error` and no `response`; an answer cut off midway keeps what arrived and says so in `error`.
 */
export async function callBackend(req: BackendRequest): Promise<HttpExchange> {
  const started = performance.now();
  const headers: Record<string, string> = { ...req.headers };
  if (req.contentType) headers['content-type'] = req.contentType;
  const request = {
    method: req.method,
    url: req.url,
    headers,
    ...(req.body !== undefined ? { body: shown(req.body) } : {}),
  };
  const raw = await send(req, headers);
  const durationMs = Math.round(performance.now() - started);
  if ('error' in raw) return { request, error: raw.error, durationMs };
  const exchange: HttpExchange = {
    request,
    response: { status: raw.status, headers: raw.headers, body: shown(raw.body) },
    ...(raw.cut ? { error: raw.cut } : {}),
    durationMs,
  };
  if (raw.body.length > MAX_BODY_KEPT) fullBodies.set(exchange, raw.body);
  return exchange;
}
