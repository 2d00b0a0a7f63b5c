/**
 * The one place that turns a contract into the bytes that reach the backend: every driver (http, browser), the
 * security probes and the test-runner integrations build their requests here, so a backend sees the same request
 * whichever way it is driven. A contract function that throws or returns the wrong shape is a clear error naming
 * the function, never a crash.
 */
import type { PageRequest } from '../../../mock-gateway/src/playground/hooks.js';
import {
  type Contract,
  defaultLoginRequest,
  defaultReadLogin,
  joinUrl,
  type LoginResult,
  type RequestSpec,
} from './contract.js';

/** A request ready to send: method, absolute URL, headers (content type included) and the exact body. */
export interface BackendCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export type CallResult = { ok: true; value: BackendCall } | { ok: false; reason: string };

/**
 * What a page's my.request is handed for a built call (under `alimock run` and under `alimock serve` alike): the
 * request as my.request options, or why the contract could not build it. A body in bytes has no my.request form.
 */
export function pageRequestOf(call: CallResult): PageRequest {
  if (!call.ok) return { error: call.reason };
  const { url, method, headers, body } = call.value;
  return { url, method, headers, data: typeof body === 'string' ? body : '' };
}

const METHOD_RE = /^[A-Za-z]{1,16}$/;
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values may not carry control characters
const HEADER_VALUE_BAD_RE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

/** Checks what a contract function returned; the reason names the function and the field. */
export function checkRequestSpec(
  spec: unknown,
  fn: string,
): { ok: true; value: RequestSpec } | { ok: false; reason: string } {
  const bad = (what: string) => ({ ok: false as const, reason: `contract.${fn} returned ${what}` });
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    return bad(`${describeValue(spec)}; it must return { body, contentType, method?, path?, headers? }`);
  const s = spec as Record<string, unknown>;
  if (typeof s.body !== 'string') return bad(`a body that is ${describeValue(s.body)}; body must be the request text`);
  if (typeof s.contentType !== 'string' || s.contentType.trim() === '')
    return bad('no contentType; give e.g. "application/json" or "application/x-www-form-urlencoded"');
  if (s.method !== undefined && (typeof s.method !== 'string' || !METHOD_RE.test(s.method)))
    return bad(`method ${describeValue(s.method)}; use an HTTP method such as "POST" or "PUT"`);
  if (s.path !== undefined && (typeof s.path !== 'string' || !s.path.startsWith('/')))
    return bad(`path ${describeValue(s.path)}; it must start with "/"`);
  if (s.headers !== undefined) {
    if (s.headers === null || typeof s.headers !== 'object' || Array.isArray(s.headers))
      return bad(`headers that are ${describeValue(s.headers)}; give an object of header name → text`);
    for (const [name, value] of Object.entries(s.headers)) {
      if (!HEADER_NAME_RE.test(name)) return bad(`an invalid header name ${JSON.stringify(name.slice(0, 60))}`);
      if (typeof value !== 'string') return bad(`header ${name} as ${describeValue(value)}; header values are text`);
      if (HEADER_VALUE_BAD_RE.test(value)) return bad(`header ${name} with a line break or control character`);
    }
  }
  return { ok: true, value: s as unknown as RequestSpec };
}

/** Calls a contract function; an exception becomes a reason naming it. */
function attempt<T>(fn: string, call: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: call() };
  } catch (e) {
    return { ok: false, reason: `contract.${fn} threw: ${(e as Error)?.message ?? String(e)}` };
  }
}

function toCall(targetUrl: string, defaultPath: string, spec: RequestSpec): BackendCall {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['content-type'] = spec.contentType;
  return {
    method: (spec.method ?? 'POST').toUpperCase(),
    url: joinUrl(targetUrl, spec.path ?? defaultPath),
    headers,
    body: spec.body,
  };
}

/** The phone request for `encryptedData` (exactly `res.response`), with the page's login when there is one. */
export function buildPhoneCall(
  contract: Contract,
  targetUrl: string,
  encryptedData: string,
  login?: LoginResult,
): CallResult {
  const built = attempt('buildPhoneRequest', () => contract.buildPhoneRequest(encryptedData, login ? { login } : {}));
  if (!built.ok) return built;
  const spec = checkRequestSpec(built.value, 'buildPhoneRequest');
  if (!spec.ok) return spec;
  return { ok: true, value: toCall(targetUrl, contract.phonePath, spec.value) };
}

/** The login request for my.getAuthCode's `authCode` (the default contract's when none is mapped). */
export function buildLoginCall(contract: Contract, targetUrl: string, authCode: string): CallResult {
  const build = contract.buildLoginRequest ?? defaultLoginRequest;
  const built = attempt('buildLoginRequest', () => build(authCode));
  if (!built.ok) return built;
  const spec = checkRequestSpec(built.value, 'buildLoginRequest');
  if (!spec.ok) return spec;
  return { ok: true, value: toCall(targetUrl, contract.loginPath, spec.value) };
}

/**
 * A raw body sent where the phone request goes (security probes): the phone request's method, URL and headers
 * (a session token included), with this body and content type instead.
 */
export function buildRawPhoneCall(
  contract: Contract,
  targetUrl: string,
  body: string | Uint8Array,
  contentType: string,
  login?: LoginResult,
): CallResult {
  const template = buildPhoneCall(contract, targetUrl, '{}', login);
  if (!template.ok) return template;
  return {
    ok: true,
    value: { ...template.value, headers: { ...template.value.headers, 'content-type': contentType }, body },
  };
}

export type Read<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

/** Runs a reader of the contract (readMobile, readErrorCode, readLogin); an exception becomes a reason. */
export function read<T>(
  contract: Contract,
  reader: 'readMobile' | 'readErrorCode' | 'readLogin',
  body: unknown,
  status: number,
): Read<T> {
  const fn = (reader === 'readLogin' ? (contract.readLogin ?? defaultReadLogin) : contract[reader]) as (
    b: unknown,
    s: number,
  ) => unknown;
  const got = attempt(reader, () => fn(body, status));
  if (!got.ok) return got;
  return { ok: true, value: (got.value ?? undefined) as T | undefined };
}

/** Parses an answer body as JSON; undefined when it is not JSON (HTML, empty, truncated). Never throws. */
export function parseAnswer(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
