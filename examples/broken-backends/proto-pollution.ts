/**
 * Broken backend `proto-pollution`.
 * Bug: copies the parsed envelope onto an envelope record with a hand-written deep merge that follows every key,
 * `__proto__` included. `{"__proto__":{"sign":"x"},…}` makes the merge walk into the record's prototype and write
 * there: prototype pollution. Here the record's prototype is frozen (as hardened code freezes its shared
 * prototypes), so the write throws a TypeError and the request ends in a bare HTTP 500 — visible to the harness,
 * and the test process's own prototypes stay clean. (Merging into a plain `{}` would instead have set
 * `Object.prototype.sign` for the whole process, silently.) Envelopes without such keys get the reference's answers.
 * docs/protocol.md, mistake 8 (crashing (HTTP 500) on malformed input instead of a clean 4xx).
 * Caught by: sec-proto-keys (the envelope with `__proto__`).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { parseEnvelope } from '../../reference-backend/src/envelope.js';
import type { ParseResult } from '../../reference-backend/src/types.js';
import type { BrokenBackend } from './broken-backend.js';

type Json = Record<string, unknown>;

/** The record the envelope is merged onto; its prototype is shared, so it is frozen. */
class EnvelopeRecord {
  [key: string]: unknown;
  get signType(): string {
    return typeof this.sign_type === 'string' ? this.sign_type : 'RSA2';
  }
}
Object.freeze(EnvelopeRecord.prototype);

/** Objects are merged key by key; arrays and scalars are copied as they are. */
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** BUG: `target[key]` for key "__proto__" is the prototype itself, and the merge writes into it. */
export function naiveDeepMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    target[key] = isObject(value) ? naiveDeepMerge(isObject(target[key]) ? target[key] : {}, value) : value;
  }
  return target;
}

export function parseWithDeepMerge(encryptedData: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(encryptedData);
  } catch {
    return parseEnvelope(encryptedData); // not JSON: the reference's BAD_REQUEST
  }
  const record = isObject(raw) ? (naiveDeepMerge(new EnvelopeRecord(), raw) as EnvelopeRecord) : undefined;
  const parsed = parseEnvelope(encryptedData);
  if (!parsed.ok || record === undefined) return parsed;
  return { ok: true, envelope: { ...parsed.envelope, signType: record.signType === 'RSA' ? 'RSA' : 'RSA2' } };
}

export const protoPollution: BrokenBackend = {
  description: 'merges the envelope into a record with a naive deep merge that follows __proto__',
  mistake: 'docs/protocol.md mistake 8: crashing (HTTP 500) on malformed input instead of a clean 4xx',
  caughtBy: ['sec-proto-keys'],
  build: (options) => buildReferenceBackend({ ...options, steps: { parse: parseWithDeepMerge } }),
};
