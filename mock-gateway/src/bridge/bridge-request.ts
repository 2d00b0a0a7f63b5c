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

/**
 * Why the bridge refused to carry a request: its own input (`request`: headers, nesting), where it leads
 * (`target`: a redirect to a place the bridge does not reach) or what came back (`answer`: too large or too deeply
 * nested). The page sees a network error; `POST /stub/request` answers these with a 4xx or 502 instead.
 */
export type BridgeRefusal = 'request' | 'target' | 'answer';

/** Answer of `POST /stub/request` (HTTP 200 unless refused; the page maps it to success/fail). */
export type BridgeResponse =
  | { ok: true; status: number; headers: Record<string, string>; data: unknown }
  | { ok: false; error: 12; errorMessage: '网络出错'; detail: string; refused?: BridgeRefusal }
  | { ok: false; error: 13; errorMessage: '超时' };

/** What the bridge carries at most; each bound is named in the refusal that enforces it. */
export interface BridgeLimits {
  /** bytes of the target's answer (default 10 MiB) */
  maxAnswerBytes: number;
  /** nesting of `data` and of a JSON answer (default 512 levels) */
  maxDepth: number;
  /** redirects followed (default 10) */
  maxRedirects: number;
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = Object.freeze({
  maxAnswerBytes: 10 * 1024 * 1024,
  maxDepth: 512,
  maxRedirects: 10,
});

/** Options of `performBridgeRequest`. */
export interface BridgeOptions {
  limits?: Partial<BridgeLimits>;
  /**
   * Where a redirect may lead: a reason when the URL is refused, undefined when allowed. Without it redirects are
   * followed anywhere (the harness's own native bridge, which only carries the page's requests to its target).
   */
  allow?: (url: URL) => string | undefined;
}

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

/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value: visible Latin-1 text, spaces and tabs; no CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_HEADER_VALUE = 8 * 1024;

/** The first problem with the page's headers, said so that the page's author can fix it; undefined when fine. */
export function headerProblem(headers: Record<string, unknown>): string | undefined {
  for (const [name, raw] of Object.entries(headers)) {
    const shown = JSON.stringify(name.slice(0, 40));
    if (!HEADER_NAME.test(name))
      return `header name ${shown} is not valid: use letters, digits and ! # $ % & ' * + - . ^ _ \` | ~`;
    const value = String(raw);
    if (value.length > MAX_HEADER_VALUE) return `header ${shown} is longer than ${MAX_HEADER_VALUE} characters`;
    if (!HEADER_VALUE.test(value))
      return `header ${shown} has a character a header cannot carry (CR, LF, NUL, another control character or one beyond Latin-1)`;
  }
  return undefined;
}

/** True when a JSON value nests deeper than `max` levels; iterative (the value may be nested far too deep). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (depth > max) return true;
    for (const child of Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

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
 * a string body is sent unchanged. Refuses (with what to fix) headers HTTP cannot carry and `data` nested deeper
 * than `maxDepth`.
 */
export function prepareRequest(
  body: BridgeRequest,
  url: URL,
  maxDepth: number = DEFAULT_BRIDGE_LIMITS.maxDepth,
): { ok: true; value: PreparedRequest } | { ok: false; reason: string } {
  const problem = body.headers === undefined ? undefined : headerProblem(body.headers);
  if (problem) return { ok: false, reason: problem };
  if (nestedDeeperThan(body.data, maxDepth))
    return { ok: false, reason: `data is nested deeper than ${maxDepth} levels: send flatter data` };
  const method = (body.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(body.headers ?? {})) headers.set(name, String(value));
  } catch (e) {
    return { ok: false, reason: `a header cannot be sent: ${(e as Error).message}` };
  }
  const target = new URL(url);
  const init: RequestInit = { method, headers, redirect: 'follow' };
  const data = body.data;
  if (method === 'GET' || method === 'HEAD') {
    if (isPlainData(data)) {
      for (const [key, value] of toSearchParams(data)) target.searchParams.append(key, value);
    } else if (typeof data === 'string' && data !== '') {
      target.search = target.search ? `${target.search}&${data}` : `?${data}`;
    }
    return { ok: true, value: { url: target, init } };
  }
  if (data === undefined || data === null) return { ok: true, value: { url: target, init } };
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const contentType = headers.get('content-type') ?? '';
  if (typeof data === 'string') {
    init.body = data;
  } else if (contentType.includes('application/x-www-form-urlencoded') && isPlainData(data)) {
    init.body = toSearchParams(data).toString();
  } else {
    init.body = JSON.stringify(data);
  }
  return { ok: true, value: { url: target, init } };
}

type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

function decodeBody(bytes: Buffer, dataType: DataType, maxDepth: number): Decoded {
  if (dataType === 'base64' || dataType === 'arraybuffer') return { ok: true, value: bytes.toString('base64') };
  const text = bytes.toString('utf8');
  if (dataType === 'text' || text === '') return { ok: true, value: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: true, value: text };
  }
  if (nestedDeeperThan(parsed, maxDepth)) {
    return {
      ok: false,
      reason: `the target's JSON answer is nested deeper than ${maxDepth} levels, the bridge's limit (use dataType "text" to receive it as text)`,
    };
  }
  return { ok: true, value: parsed };
}

const sizeText = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`);

/** The answer's bytes, read up to `max`; a longer answer is abandoned (the connection closed) and refused. */
async function readCapped(res: Response, max: number): Promise<Decoded & { bytes?: Buffer }> {
  const tooLarge = {
    ok: false as const,
    reason: `the target's answer is larger than ${sizeText(max)}, the bridge's limit: answer less`,
  };
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (!res.body) return { ok: true, value: undefined, bytes: Buffer.alloc(0) };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  return { ok: true, value: undefined, bytes: Buffer.concat(chunks, total) };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The request a redirect leads to: 303 (and 301/302 after a POST) become a GET without a body, as fetch does. */
function redirected(init: RequestInit, status: number): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  if (status === 303 ? method === 'HEAD' : !((status === 301 || status === 302) && method === 'POST')) return init;
  const headers = new Headers(init.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'])
    headers.delete(name);
  const { body: _body, ...rest } = init;
  return { ...rest, method: 'GET', headers };
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

const refusal = (refused: BridgeRefusal, detail: string): BridgeResponse => ({
  ok: false,
  error: 12,
  errorMessage: '网络出错',
  detail,
  refused,
});

/** A request as the bridge sent it, prepared from the page's: its headers and body ('' when none) as they went out. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What became of a page's request: refused before anything went out (its headers or data cannot be carried), or
 * sent — as prepared once — with the method and URL of the last request made: the one that answered, after any
 * redirects (or the one that timed out, failed or redirected somewhere the bridge does not go).
 */
export type BridgeOutcome =
  | { sent: false; answer: BridgeResponse }
  | { sent: true; answer: BridgeResponse; request: SentRequest; last: { method: string; url: string } };

function sentRequest({ url, init }: PreparedRequest): SentRequest {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: init.method ?? 'GET',
    url: url.href,
    headers,
    body: typeof init.body === 'string' ? init.body : '',
  };
}

/**
 * Performs the request and says what was sent; never throws. Bounded: headers are checked, `data` and a JSON answer
 * nest at most `maxDepth` levels, the answer is read up to `maxAnswerBytes`, and with `allow` every redirect is
 * checked too.
 */
export async function sendBridgeRequest(
  body: BridgeRequest,
  url: URL,
  defaultTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  options: BridgeOptions = {},
): Promise<BridgeOutcome> {
  const limits = { ...DEFAULT_BRIDGE_LIMITS, ...options.limits };
  const prepared = prepareRequest(body, url, limits.maxDepth);
  if (!prepared.ok) return { sent: false, answer: refusal('request', prepared.reason) };
  const request = sentRequest(prepared.value);
  let { url: target, init } = prepared.value;
  let answeredAt = target.href;
  const outcome = (answer: BridgeResponse): BridgeOutcome => ({
    sent: true,
    answer,
    request,
    last: { method: init.method ?? 'GET', url: answeredAt },
  });
  const dataType = (body.dataType ?? 'json').toLowerCase() as DataType;
  const signal = AbortSignal.timeout(effectiveTimeout(body.timeout, defaultTimeoutMs));
  const manual = options.allow !== undefined;
  try {
    let res = await fetch(target, { ...init, signal, redirect: manual ? 'manual' : 'follow' });
    // redirects followed by fetch itself (no `allow`): the response names the URL that answered, though not the
    // method (a 303 turns a POST into a GET unseen)
    if (res.url) answeredAt = res.url;
    for (let hops = 0; manual && REDIRECTS.has(res.status) && res.headers.has('location'); hops++) {
      await res.body?.cancel().catch(() => undefined);
      if (hops >= limits.maxRedirects)
        return outcome(refusal('target', `more than ${limits.maxRedirects} redirects, the bridge's limit`));
      let next: URL;
      try {
        next = new URL(res.headers.get('location') as string, target);
      } catch {
        return outcome(refusal('target', `the target redirected to an invalid URL`));
      }
      const why = parseTargetUrl(next.href);
      if (!why.ok) return outcome(refusal('target', `the target redirected to ${why.reason}`));
      const refused = options.allow?.(next);
      if (refused) return outcome(refusal('target', `the target redirected to ${next.origin}: ${refused}`));
      init = redirected(init, res.status);
      target = next;
      answeredAt = target.href;
      res = await fetch(target, { ...init, signal, redirect: 'manual' });
    }
    const read = await readCapped(res, limits.maxAnswerBytes);
    if (!read.ok) return outcome(refusal('answer', read.reason));
    const decoded = decodeBody(read.bytes as Buffer, dataType, limits.maxDepth);
    if (!decoded.ok) return outcome(refusal('answer', decoded.reason));
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return outcome({ ok: true, status: res.status, headers, data: decoded.value });
  } catch (err) {
    if (isTimeout(err) || signal.aborted) return outcome({ ok: false, error: 13, errorMessage: '超时' });
    return outcome({ ok: false, error: 12, errorMessage: '网络出错', detail: describeError(err) });
  }
}

/** `sendBridgeRequest`'s answer alone, for a caller that keeps no record of what was sent. */
export async function performBridgeRequest(
  body: BridgeRequest,
  url: URL,
  defaultTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  options: BridgeOptions = {},
): Promise<BridgeResponse> {
  return (await sendBridgeRequest(body, url, defaultTimeoutMs, options)).answer;
}
