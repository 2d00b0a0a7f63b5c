import type { HttpExchange } from '../report/report-types.js';

export interface BackendRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

const MAX_BODY_KEPT = 64 * 1024;

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
    ...(req.body !== undefined
      ? {
          body:
            req.body.length > MAX_BODY_KEPT
              ? `${req.body.slice(0, MAX_BODY_KEPT)}… (${req.body.length} chars)`
              : req.body,
        }
      : {}),
  };
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.text();
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      responseHeaders[k] = v;
    });
    return {
      request,
      response: {
        status: res.status,
        headers: responseHeaders,
        body: text.length > MAX_BODY_KEPT ? text.slice(0, MAX_BODY_KEPT) : text,
      },
      durationMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason =
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `no answer within ${req.timeoutMs} ms (timeout)`
        : `${err.cause?.code ?? err.name}: ${err.cause?.message ?? err.message}`;
    return { request, error: reason, durationMs: Math.round(performance.now() - started) };
  }
}
