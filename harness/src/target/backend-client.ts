import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpExchange } from '../report/report-types.js';

export interface BackendRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

const MAX_BODY_KEPT = 64 * 1024;

/** The request body as evidence: text (cut past 64 KiB), or bytes shown as text with invalid UTF-8 replaced. */
function shown(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const size = typeof body === 'string' ? `${body.length} chars` : `${body.length} bytes`;
  return text.length > MAX_BODY_KEPT ? `${text.slice(0, 2048)}… (${size})` : text;
}

type Raw = { status: number; headers: Record<string, string>; body: string } | { error: string };

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
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: req.method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY_KEPT) chunks.push(c);
        });
        const finish = () => {
          const responseHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          done({ status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') });
        };
        res.on('end', finish);
        res.on('error', finish);
        res.on('aborted', finish);
      },
    );
    const timer = setTimeout(() => {
      done({ error: `no answer within ${req.timeoutMs} ms (timeout)` });
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) => {
      if (responded) return; // an early answer already counted: a broken pipe afterwards is not the backend's fault
      const error = `${e.code ?? e.name}: ${e.message}`;
      // nothing listens: no answer can follow
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return done({ error });
      // a reset or broken pipe may still be followed by an early answer (413 before the body was read): wait a
      // little for it, but this is no longer a timeout, whatever requestTimeoutMs is
      clearTimeout(timer);
      setTimeout(() => done({ error }), 500);
    });
    request.end(body);
  });
}

/**
 * One request to the target backend, recorded as evidence. Never throws: no answer, reset or timeout becomes an
 * exchange with `error` and no `response`.
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
  return 'error' in raw ? { request, error: raw.error, durationMs } : { request, response: raw, durationMs };
}
