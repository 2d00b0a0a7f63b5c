/**
 * The native side of the stub's `my.request`: the gateway performs the HTTP request server-side, as Alipay's
 * client does natively, so the target backend needs no CORS headers.
 */

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const MAX_REQUEST_TIMEOUT_MS = 60_000;

export const REQUEST_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE'] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

export const DATA_TYPES = ['json', 'text', 'base64', 'arraybuffer'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Body of `POST /stub/request`, mirroring `my.request`'s options. */
export interface BridgeRequest {
  url: string;
  method?: string;
  headers?: Record<string, string | number | boolean>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
}

/** Answer of `POST /stub/request` (always HTTP 200; the page maps it to success/fail). */
export type BridgeResponse =
  | { ok: true; status: number; headers: Record<string, string>; data: unknown }
  | { ok: false; error: 12; errorMessage: '网络出错'; detail: string }
  | { ok: false; error: 13; errorMessage: '超时' };

export type ParsedTarget = { ok: true; url: URL } | { ok: false; reason: string };

/** Accepts only absolute http: and https: URLs. */
export function parseTargetUrl(raw: string): ParsedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `url must be an absolute http: or https: URL, got ${JSON.stringify(raw)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `url scheme ${url.protocol} is not allowed: only http: and https: URLs can be requested`,
    };
  }
  return { ok: true, url };
}

/** JSON schema for the bridge body (Fastify/ajv). `data` may be any JSON value. */
export const bridgeRequestSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 8192 },
    method: { type: 'string', enum: [...REQUEST_METHODS, ...REQUEST_METHODS.map((m) => m.toLowerCase())] },
    headers: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    },
    data: {},
    timeout: { type: 'number', minimum: 0 },
    dataType: { type: 'string', enum: [...DATA_TYPES, ...DATA_TYPES.map((t) => t.toUpperCase())] },
  },
} as const;

function stringifyValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toSearchParams(data: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined) params.append(key, stringifyValue(value));
  }
  return params;
}

function isPlainData(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null;
}

interface PreparedRequest {
  url: URL;
  init: RequestInit;
}

/**
 * Encodes `data` like Alipay's `my.request`: GET/HEAD → query string; other methods → the body, JSON by default
 * (`content-type: application/json`), form-encoded when the page set `content-type: application/x-www-form-urlencoded`;
 * a string body is sent unchanged.
 */
export function prepareRequest(body: BridgeRequest, url: URL): PreparedRequest {
  const method = (body.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(body.headers ?? {})) headers.set(name, String(value));
  const target = new URL(url);
  const init: RequestInit = { method, headers, redirect: 'follow' };
  const data = body.data;
  if (method === 'GET' || method === 'HEAD') {
    if (isPlainData(data)) {
      for (const [key, value] of toSearchParams(data)) target.searchParams.append(key, value);
    } else if (typeof data === 'string' && data !== '') {
      target.search = target.search ? `${target.search}&${data}` : `?${data}`;
    }
    return { url: target, init };
  }
  if (data === undefined || data === null) return { url: target, init };
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const contentType = headers.get('content-type') ?? '';
  if (typeof data === 'string') {
    init.body = data;
  } else if (contentType.includes('application/x-www-form-urlencoded') && isPlainData(data)) {
    init.body = toSearchParams(data).toString();
  } else {
    init.body = JSON.stringify(data);
  }
  return { url: target, init };
}

function decodeBody(bytes: Buffer, dataType: DataType): unknown {
  if (dataType === 'base64' || dataType === 'arraybuffer') return bytes.toString('base64');
  const text = bytes.toString('utf8');
  if (dataType === 'text' || text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function effectiveTimeout(requested: number | undefined, fallback: number): number {
  const ms = requested && requested > 0 ? requested : fallback;
  return Math.min(ms, MAX_REQUEST_TIMEOUT_MS);
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return `${err.message}: ${code ? `${code} ` : ''}${cause.message}`;
  }
  return err.message;
}

/** Performs the request; never throws. */
export async function performBridgeRequest(
  body: BridgeRequest,
  url: URL,
  defaultTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
): Promise<BridgeResponse> {
  const { url: target, init } = prepareRequest(body, url);
  const dataType = (body.dataType ?? 'json').toLowerCase() as DataType;
  const signal = AbortSignal.timeout(effectiveTimeout(body.timeout, defaultTimeoutMs));
  try {
    const res = await fetch(target, { ...init, signal });
    const bytes = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { ok: true, status: res.status, headers, data: decodeBody(bytes, dataType) };
  } catch (err) {
    if (isTimeout(err) || signal.aborted) return { ok: false, error: 13, errorMessage: '超时' };
    return { ok: false, error: 12, errorMessage: '网络出错', detail: describeError(err) };
  }
}
