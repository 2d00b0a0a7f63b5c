/**
 * Where a team's contract puts the payload in its request: `contract.buildPhoneRequest` is called with a unique
 * sentinel and the sentinel is looked for in what it built — a JSON member (by path), a form field, or the whole
 * body. The doctor then takes the same place out of the body the backend received. Pure.
 */
import { echo } from './echo.js';

/** Letters and digits only: JSON, URL and form encoding leave it unchanged, so it is found wherever it is put. */
export const SENTINEL = 'alimockDoctorSentinel7c1f9a42e8';

export type PayloadPlace = { kind: 'field'; body: 'json' | 'form'; path: string[] } | { kind: 'raw' };

export type Located = { ok: true; place: PayloadPlace } | { ok: false; reason: string };

const MAX_DEPTH = 32;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Found = { exact: boolean; path: string[]; inArray: boolean };

/** Depth-first search for a string holding the sentinel. */
function findIn(value: unknown, sentinel: string, path: string[], inArray: boolean, depth: number): Found | undefined {
  if (typeof value === 'string') {
    return value.includes(sentinel) ? { exact: value === sentinel, path, inArray } : undefined;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findIn(value[i], sentinel, [...path, String(i)], true, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const hit = findIn(v, sentinel, [...path, key], inArray, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

function fromStructured(value: unknown, body: 'json' | 'form', sentinel: string): Located | undefined {
  const hit = findIn(value, sentinel, [], false, 0);
  if (!hit) return undefined;
  const at = hit.path.join('.');
  if (hit.inArray) {
    return {
      ok: false,
      reason: `the contract puts the payload inside an array (at ${echo(at)}): pass the payload itself`,
    };
  }
  if (!hit.exact) {
    return {
      ok: false,
      reason: `the contract embeds the payload in a longer text (the ${body === 'json' ? 'JSON member' : 'form field'} ${echo(at)}): pass the payload itself`,
    };
  }
  return { ok: true, place: { kind: 'field', body, path: hit.path } };
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return undefined;
}

function elsewhere(request: Record<string, unknown>, sentinel: string): string | undefined {
  const headers = request.headers;
  if (isObject(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string' && value.includes(sentinel)) return `the "${echo(name)}" header`;
    }
  }
  for (const key of ['path', 'url', 'query']) {
    const v = request[key];
    if (typeof v === 'string' && v.includes(sentinel)) return `the request's ${key}`;
  }
  return undefined;
}

/** Finds the sentinel in a request built by `contract.buildPhoneRequest(sentinel)`. */
export function locatePayload(request: unknown, sentinel = SENTINEL): Located {
  if (!isObject(request)) {
    return {
      ok: false,
      reason: 'contract.buildPhoneRequest did not return a request object ({ body, contentType, … })',
    };
  }
  const body = request.body;
  const text = bodyText(body);
  if (text === undefined && isObject(body)) {
    const found = fromStructured(body, 'json', sentinel);
    if (found) return found;
  }
  if (text !== undefined) {
    if (text.trim() === sentinel) return { ok: true, place: { kind: 'raw' } };
    let parsed: unknown;
    let json = false;
    try {
      parsed = JSON.parse(text);
      json = true;
    } catch {
      json = false;
    }
    if (json) {
      const found = fromStructured(parsed, 'json', sentinel);
      if (found) return found;
    } else if (text.includes('=')) {
      const fields: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(text)) fields[name] ??= value;
      for (const [name, value] of Object.entries(fields)) {
        if (value === sentinel) return { ok: true, place: { kind: 'field', body: 'form', path: [name] } };
      }
    }
    if (text.includes(sentinel)) {
      return {
        ok: false,
        reason: 'the contract embeds the payload in a body the doctor cannot take apart: pass the payload itself',
      };
    }
  }
  const other = elsewhere(request, sentinel);
  if (other) {
    return {
      ok: false,
      reason: `the contract sends the payload in ${other}, not in the body: pass that value as the payload`,
    };
  }
  return { ok: false, reason: 'the request contract.buildPhoneRequest builds does not carry the payload it was given' };
}
