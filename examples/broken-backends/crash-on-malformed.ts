/**
 * Broken backend `crash-on-malformed`.
 * Bug: assumes every request is well-formed, the way the official sample reads. The body goes through a
 * hand-written JSON parser — a bare `JSON.parse`, then `encryptedData.trim()` — and the envelope through a bare
 * `JSON.parse`, then `envelope.response` and `content.startsWith('{')`, none of them checked. A SyntaxError or
 * TypeError escapes and the request ends in a bare HTTP 500 without the contract's error body instead of
 * 400 BAD_REQUEST. Well-formed requests — encrypted, plain object, signed or not — get exactly the reference's
 * answers (the size limit still applies: the framework enforces it before the parser runs).
 * docs/protocol.md, mistake 8 (crashing (HTTP 500) on malformed input instead of a clean 4xx).
 * Caught by: sec-malformed-body (text, truncated JSON, empty, an array…), sec-malformed-encrypted-data (missing,
 * a number, null…), sec-malformed-envelope (not JSON, a JSON string, a numeric response), sec-deep-nesting (a
 * nested array as the body has no encryptedData), sec-proto-keys (their envelope "{}" has no response).
 */
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { topLevelMembers } from '../../reference-backend/src/raw-json.js';
import type { ParseResult, SignType } from '../../reference-backend/src/types.js';
import type { BrokenBackend, BrokenBackendOptions } from './broken-backend.js';

interface TrustedEnvelope {
  response: string | Record<string, unknown>;
  sign?: string;
  sign_type?: SignType;
}

export function parseTrustingShape(encryptedData: string): ParseResult {
  const envelope = JSON.parse(encryptedData) as TrustedEnvelope; // BUG: no try/catch, no check of what came out
  let content: string;
  if (typeof envelope.response === 'object') {
    // a nested plain object (40001 without an AES key): its raw text, as Alipay wrote it
    const member = topLevelMembers(encryptedData)
      ?.filter((m) => m.key === 'response')
      .pop();
    content = member === undefined ? '' : encryptedData.slice(member.start, member.end);
  } else {
    content = envelope.response; // BUG: assumed to be a string
  }
  const encrypted = !content.startsWith('{'); // TypeError when response was a number, or missing
  return {
    ok: true,
    envelope: {
      content,
      encrypted,
      signContent: encrypted ? `"${content}"` : content,
      sign: envelope.sign,
      signType: envelope.sign_type === 'RSA' ? 'RSA' : 'RSA2',
    },
  };
}

/** BUG: the request body `{ "encryptedData": "…" }`, read without a single check. */
export async function parseBodyTrustingShape(_request: unknown, body: string): Promise<{ encryptedData: string }> {
  const { encryptedData } = JSON.parse(body) as { encryptedData: string };
  return { encryptedData: encryptedData.trim() };
}

export function buildTrustingShape(options: BrokenBackendOptions) {
  const app = buildReferenceBackend({ ...options, steps: { parse: parseTrustingShape } });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseBodyTrustingShape);
  return app;
}

export const crashOnMalformed: BrokenBackend = {
  description:
    'parses the body and the envelope with a bare JSON.parse and reads fields unchecked: HTTP 500 on malformed input',
  mistake: 'docs/protocol.md mistake 8: crashing (HTTP 500) on malformed input instead of a clean 4xx',
  caughtBy: [
    'sec-malformed-body',
    'sec-malformed-encrypted-data',
    'sec-malformed-envelope',
    'sec-deep-nesting',
    'sec-proto-keys',
  ],
  build: buildTrustingShape,
};
