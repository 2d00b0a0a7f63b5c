/**
 * Broken backend `duplicate-key-confusion`.
 * Bug: to verify "the exact text Alipay signed" it pulls the ciphertext out of the envelope with a regular
 * expression — which finds the FIRST `"response"` — while the value it decrypts comes from `JSON.parse`, which
 * keeps the LAST. An attacker appends a second `"response"` to a genuine signed envelope: the signature checks out
 * over the first, and the second (any ciphertext made with the app's key, e.g. another member's payload) is
 * decrypted and its number accepted. Envelopes without duplicates get exactly the reference's answers.
 * docs/protocol.md, mistake 5 family (verifying text other than what is used: verify what you decrypt).
 * Caught by: sec-duplicate-keys (two "response" keys: accepted instead of a 4xx).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { parseEnvelope } from '../../reference-backend/src/envelope.js';
import { topLevelMembers } from '../../reference-backend/src/raw-json.js';
import type { ParseResult } from '../../reference-backend/src/types.js';
import type { BrokenBackend } from './broken-backend.js';

const FIRST_RESPONSE = /"response"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** The envelope text with each duplicated top-level key reduced to its last occurrence (what JSON.parse sees). */
function lastOccurrences(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return text; // not JSON: the reference parser says so
  }
  const members = topLevelMembers(text);
  if (members === undefined) return text;
  const last = new Map(members.map((m) => [m.key, m]));
  const kept = members.filter((m) => last.get(m.key) === m);
  return `{${kept.map((m) => `${JSON.stringify(m.key)}:${text.slice(m.start, m.end)}`).join(',')}}`;
}

export function parseVerifyingFirstResponse(encryptedData: string): ParseResult {
  // JSON.parse semantics (the last duplicate wins) for everything that is read and decrypted …
  const parsed = parseEnvelope(lastOccurrences(encryptedData));
  if (!parsed.ok || !parsed.envelope.encrypted) return parsed;
  // … BUG: but the text handed to the signature check is the first "response" the regex finds.
  const first = FIRST_RESPONSE.exec(encryptedData)?.[1];
  if (first === undefined) return parsed;
  return { ok: true, envelope: { ...parsed.envelope, signContent: `"${first}"` } };
}

export const duplicateKeyConfusion: BrokenBackend = {
  description: 'verifies the first "response" of the envelope (found by a regex) but decrypts the last (JSON.parse)',
  mistake:
    'docs/protocol.md mistake 5: verifying other text than the one used (the first duplicate key, not the parsed one)',
  caughtBy: ['sec-duplicate-keys'],
  build: (options) => buildReferenceBackend({ ...options, steps: { parse: parseVerifyingFirstResponse } }),
};
