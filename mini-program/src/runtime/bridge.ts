/**
 * The page's way out: the gateway's JSAPI routes (my.getPhoneNumber & co.), and my.request's native side — the
 * harness's binding `window.__alimockNativeRequest(body)` when present, else `POST request` next to the page (the
 * gateway performs it, mapping the API host to the target). Every exchange is a `request` event; my.request's is
 * named `/stub/request` whatever carries it, with the original `url` in its args and `mappedUrl` when the native
 * side sent it elsewhere.
 */
import { config } from './config.js';
import { log, settle } from './event-log.js';
import { win } from './globals.js';

/** my.request's options as the native side receives them. */
export interface NativeRequestBody {
  url: string;
  method: string;
  headers?: Record<string, string>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
}

/** The native side's answer (the gateway's bridge shape), with the URL it really requested when it mapped it. */
export type BridgeAnswer =
  | { ok: true; status: number; headers: Record<string, string>; data: unknown; mappedUrl?: string }
  | { ok: false; error: number; errorMessage: string; detail?: string; mappedUrl?: string };

export type BridgeResult = { ok: true; status: number; body: unknown } | { ok: false; detail: string };

/** The event name of my.request's native exchange (the same as the stub page's). */
export const NATIVE_REQUEST_EVENT = '/stub/request';

const JSAPI_BASE = new URL('/jsapi/', location.origin).href;
/** POST target when the harness gives no binding: `request` next to the page (`/mp/<id>/request`) */
const REQUEST_URL = new URL('request', location.href).href;

/** The page's session as a header: the gateway journals my.request's exchanges in it. */
export function sessionHeaders(): Record<string, string> {
  return config.session ? { 'x-alimock-session': config.session } : {};
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<BridgeResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { ok: true, status: res.status, body: parsed };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

/** POSTs JSON to a JSAPI route; never rejects. */
export async function jsapi(name: string, body: unknown): Promise<BridgeResult> {
  const url = JSAPI_BASE + name;
  const entry = log('request', new URL(url).pathname, body);
  const res = await postJson(url, body);
  settle(entry, res.ok ? { result: { status: res.status, body: res.body } } : { error: { detail: res.detail } });
  return res;
}

/** my.request's native side; never rejects. */
export async function nativeRequest(body: NativeRequestBody): Promise<BridgeResult> {
  const entry = log('request', NATIVE_REQUEST_EVENT, body);
  const note = (answer: unknown) => {
    const mapped = (answer as { mappedUrl?: unknown } | undefined)?.mappedUrl;
    if (typeof mapped === 'string' && mapped !== body.url) entry.mappedUrl = mapped;
  };
  const binding = win.__alimockNativeRequest;
  if (typeof binding === 'function') {
    try {
      const answer = await binding(body);
      note(answer);
      settle(entry, { result: { status: 200, body: answer } });
      return { ok: true, status: 200, body: answer };
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      settle(entry, { error: { detail } });
      return { ok: false, detail };
    }
  }
  const res = await postJson(REQUEST_URL, body, sessionHeaders());
  if (res.ok) note(res.body);
  settle(entry, res.ok ? { result: { status: res.status, body: res.body } } : { error: { detail: res.detail } });
  return res;
}
