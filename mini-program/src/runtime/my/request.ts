/** my.request: the options go to the native side as they are (method, headers, data); the answer maps to Alipay's. */
import { nativeRequest } from '../bridge.js';
import { omitUndefined } from '../config.js';
import { api, type Outcome } from './api.js';

const base64ToArrayBuffer = (b64: string): ArrayBuffer =>
  Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer as ArrayBuffer;

function headersOf(opts: Record<string, unknown>): Record<string, string> | undefined {
  // `header` is the legacy name; `headers` wins where both name the same field
  const merged = { ...(opts.header as object | undefined), ...(opts.headers as object | undefined) };
  const entries = Object.entries(merged).filter(([, v]) => v !== undefined && v !== null);
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

/** Alipay's own option types (@mini-types/my) */
type RequestOptions = Parameters<typeof my.request>[0];
type RequestResult = { data: unknown; status: number; headers: Record<string, string> };

interface Answer {
  ok?: boolean;
  status?: number;
  headers?: Record<string, string>;
  data?: unknown;
  error?: number;
  errorMessage?: string;
  detail?: string;
  message?: string;
}

/** my.request, or my.httpRequest with its own default content type (form-encoded; my.request's is JSON). */
async function send(raw: unknown, defaultContentType?: string): Promise<Outcome> {
  const opts = raw as Partial<RequestOptions> & Record<string, unknown>;
  if (typeof opts.url !== 'string' || opts.url === '') {
    return { ok: false, error: { error: 2, errorMessage: '参数错误', detail: 'url is required' } };
  }
  const dataType = String(opts.dataType ?? 'json');
  const body = omitUndefined({
    url: new URL(opts.url, location.href).href,
    method: String(opts.method ?? 'GET').toUpperCase(),
    headers: withDefaultContentType(headersOf(opts), defaultContentType),
    data: opts.data instanceof ArrayBuffer ? undefined : opts.data,
    timeout: typeof opts.timeout === 'number' ? opts.timeout : undefined,
    dataType,
  });
  const res = await nativeRequest(body);
  if (!res.ok) return { ok: false, error: { error: 12, errorMessage: '网络出错', detail: res.detail } };
  const answer = (res.body ?? {}) as Answer;
  if (res.status !== 200) {
    const detail = answer.message ?? JSON.stringify(answer);
    return { ok: false, error: { error: 2, errorMessage: '参数错误', detail } };
  }
  if (!answer.ok) {
    return {
      ok: false,
      error: omitUndefined({ error: answer.error, errorMessage: answer.errorMessage, detail: answer.detail }),
    };
  }
  let data = answer.data;
  if (dataType.toLowerCase() === 'arraybuffer' && typeof data === 'string') data = base64ToArrayBuffer(data);
  const result: RequestResult = { data, status: answer.status ?? 0, headers: answer.headers ?? {} };
  if ((answer.status ?? 0) >= 200 && (answer.status ?? 0) < 300) return { ok: true, result };
  return { ok: false, error: { error: 19, errorMessage: 'HTTP错误', ...result } };
}

function withDefaultContentType(
  headers: Record<string, string> | undefined,
  contentType: string | undefined,
): Record<string, string> | undefined {
  if (!contentType || Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'content-type')) return headers;
  return { ...headers, 'content-type': contentType };
}

export const request = api('request', (raw) => send(raw));

/** The legacy my.httpRequest: as my.request, but a body is form-encoded unless the headers say otherwise. */
export const httpRequest = api('httpRequest', (raw) => send(raw, 'application/x-www-form-urlencoded'));
