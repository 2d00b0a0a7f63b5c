/**
 * Takes the payload out of a team's own request body, the way its backend reads it: a member of a JSON body (by
 * name or dot path; an object member keeps its raw text, never re-serialised) or a field of a form-urlencoded body
 * (decoded as a form parser decodes it, so a `+` sent unescaped arrives as a space). Pure.
 */
import { rawMember } from '../../../mock-gateway/src/protocol/json-scan.js';
import { echo, echoList } from './echo.js';

/** A member name or dot path (`data.encrypted`), or the exact path as an array. */
export type FieldPath = string | readonly string[];

export type FieldExtraction =
  | { ok: true; value: string; body: 'json' | 'form'; name: string }
  | { ok: false; reason: string };

/** How a field is written in messages. */
export function fieldName(field: FieldPath): string {
  return typeof field === 'string' ? field : field.join('.');
}

/** The paths a field may mean: the literal name first, then the dot path split. */
function jsonPaths(field: FieldPath): string[][] {
  if (typeof field !== 'string') return [[...field]];
  const split = field.split('.');
  return split.length > 1 ? [[field], split] : [[field]];
}

/** The form names a field may mean: the literal name, then `a[b][c]` for the dot path `a.b.c`. */
function formNames(field: FieldPath): string[] {
  const parts = typeof field === 'string' ? field.split('.') : [...field];
  const literal = typeof field === 'string' ? field : parts.join('.');
  const [head, ...rest] = parts;
  const bracketed = rest.length > 0 && head !== undefined ? `${head}${rest.map((p) => `[${p}]`).join('')}` : undefined;
  return bracketed !== undefined && bracketed !== literal ? [literal, bracketed] : [literal];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The raw text of the member at `path`, walking the spans (first duplicate wins there; fine for an object). */
function rawAt(text: string, path: readonly string[]): string | undefined {
  let raw = text;
  for (const seg of path) {
    const span = rawMember(raw, seg);
    if (!span) return undefined;
    raw = span.text;
  }
  return raw;
}

type Walk = { found: true; value: unknown } | { found: false; parent: string; members: string[] };

function walk(root: Record<string, unknown>, path: readonly string[]): Walk {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    if (!isObject(node) || !Object.hasOwn(node, seg)) {
      return {
        found: false,
        parent: path.slice(0, i).join('.'),
        members: isObject(node) ? Object.keys(node) : [],
      };
    }
    node = node[seg];
  }
  return { found: true, value: node };
}

function fromJson(text: string, root: Record<string, unknown>, field: FieldPath): FieldExtraction {
  const name = fieldName(field);
  let miss: Walk | undefined;
  for (const path of jsonPaths(field)) {
    const w = walk(root, path);
    if (!w.found) {
      // the miss that got furthest says most
      if (!miss || (!miss.found && w.parent.length > miss.parent.length)) miss = w;
      continue;
    }
    if (typeof w.value === 'string') return { ok: true, value: w.value, body: 'json', name };
    if (isObject(w.value)) {
      return { ok: true, value: rawAt(text, path) ?? JSON.stringify(w.value), body: 'json', name };
    }
    return {
      ok: false,
      reason: `"${echo(name)}" in the JSON body is ${typeName(w.value)}, not the payload (the res.response string)`,
    };
  }
  const where = miss && !miss.found && miss.parent !== '' ? `"${echo(miss.parent)}" has` : 'its members:';
  const members = miss && !miss.found && miss.members.length > 0 ? echoList(miss.members) : 'none';
  return { ok: false, reason: `the JSON body has no "${echo(name)}" (${where} ${members})` };
}

function fromForm(text: string, field: FieldPath): FieldExtraction {
  const params = new URLSearchParams(text);
  for (const candidate of formNames(field)) {
    const value = params.get(candidate);
    if (value !== null) return { ok: true, value, body: 'form', name: candidate };
  }
  const names = [...new Set(params.keys())];
  return {
    ok: false,
    reason: `the form body has no field "${echo(fieldName(field))}" (fields: ${names.length > 0 ? echoList(names) : 'none'})`,
  };
}

/** The value of `field` in `body` (a JSON object text or a form-urlencoded body). */
export function extractField(body: string, field: FieldPath): FieldExtraction {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (fieldName(field) === '') return { ok: false, reason: 'the field name is empty' };
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = JSON.parse(text);
    isJson = true;
  } catch {
    isJson = false;
  }
  if (isJson) {
    if (isObject(parsed)) return fromJson(text, parsed, field);
    return {
      ok: false,
      reason: `the body is JSON but ${typeName(parsed)}, not an object with a "${echo(fieldName(field))}" member`,
    };
  }
  if (text.includes('=')) return fromForm(text, field);
  return {
    ok: false,
    reason: `a field ("${echo(fieldName(field))}") was named, but the body is neither a JSON object nor a form-urlencoded body`,
  };
}
