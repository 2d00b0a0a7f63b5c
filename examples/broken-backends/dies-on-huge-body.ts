/**
 * Broken backend `dies-on-huge-body`.
 * Bug: guards the body size itself — a `preParsing` hook that compares Content-Length with its own limit — and
 * signals "too large" by throwing a plain `Error`. The error has no HTTP status, so it ends in a bare HTTP 500
 * (no contract error body) instead of 413 with BAD_REQUEST. It is the only change: the pipeline is the reference's.
 * docs/protocol.md, mistake 8 (crashing (HTTP 500) on malformed input instead of a clean 4xx).
 * Caught by: sec-huge-body (a 5 MB body).
 */
import { buildReferenceBackend, DEFAULT_BODY_LIMIT } from '../../reference-backend/src/app.js';
import type { BrokenBackend, BrokenBackendOptions } from './broken-backend.js';

export function buildWithHandRolledBodyLimit(options: BrokenBackendOptions) {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = buildReferenceBackend(options);
  app.addHook('preParsing', async (request, _reply, payload) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > limit) throw new Error(`body of ${length} bytes is over ${limit}`); // BUG: no statusCode: a 500
    return payload;
  });
  return app;
}

export const diesOnHugeBody: BrokenBackend = {
  description: 'enforces its own body limit by throwing a plain Error: HTTP 500 instead of 413 on a huge body',
  mistake: 'docs/protocol.md mistake 8: crashing (HTTP 500) on malformed input instead of a clean 4xx',
  caughtBy: ['sec-huge-body'],
  build: buildWithHandRolledBodyLimit,
};
