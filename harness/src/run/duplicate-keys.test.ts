/**
 * sec-duplicate-keys judges what a backend does with duplicate keys, not which duplicate its JSON parser keeps: a
 * secure backend whose parser keeps the FIRST duplicate (it verifies and uses the signed value, a 40003, and answers
 * AUTH_REQUIRED) passes; a backend that verifies one value and uses the other fails.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { duplicateKeyConfusion } from '../../../examples/broken-backends/duplicate-key-confusion.js';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { buildReferenceBackend } from '../../../reference-backend/src/app.js';
import { parseEnvelope } from '../../../reference-backend/src/envelope.js';
import { topLevelMembers } from '../../../reference-backend/src/raw-json.js';
import { listenBackend } from '../../../reference-backend/src/server.js';
import { secDuplicateKeys } from '../../../scenarios/security/malformed.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('duplicate-keys');
afterAll(() => dirs.cleanup());
const keys = resolveKeys(undefined);

/** A JSON object text with each duplicated top-level key reduced to its FIRST occurrence. */
function firstOccurrences(text: string): string {
  const members = topLevelMembers(text);
  if (members === undefined) return text;
  const seen = new Set<string>();
  const kept = members.filter((m) => !seen.has(m.key) && seen.add(m.key));
  return `{${kept.map((m) => `${JSON.stringify(m.key)}:${text.slice(m.start, m.end)}`).join(',')}}`;
}

/** A secure backend whose parsers (body and envelope) keep the first duplicate, consistently. */
function firstWinsBackend(): FastifyInstance {
  const app = buildReferenceBackend({
    alipayPublicKey: keys.alipayPublicKey,
    aesKey: keys.aesKey,
    requireSignature: true,
    steps: { parse: (encryptedData) => parseEnvelope(firstOccurrences(encryptedData)) },
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(firstOccurrences(String(body))));
    } catch (e) {
      (e as { statusCode?: number }).statusCode = 400;
      done(e as Error, undefined);
    }
  });
  return app;
}

async function judge(build: () => FastifyInstance) {
  const config = resolvedConfig({
    driver: 'http',
    reporters: [],
    reportDir: dirs.make(),
    target: { start: () => listenBackend(build()) },
  });
  const result = await runSuite(config, { scenarios: [secDuplicateKeys], reporters: [] });
  if (!result.ok) throw new Error(result.reason);
  const [s] = result.value.scenarios;
  if (!s) throw new Error('no result');
  return s;
}

describe('sec-duplicate-keys', () => {
  it('passes a secure backend whose parser keeps the first duplicate (it answers AUTH_REQUIRED for the signed 40003)', async () => {
    const s = await judge(firstWinsBackend);
    expect(s.status, s.failures.map((f) => f.message).join('; ')).toBe('passed');
    const answers = s.evidence.backend.filter((x) => x.role === 'probe');
    expect(answers).toHaveLength(2);
    for (const x of answers) expect(x.response?.body).toContain('AUTH_REQUIRED');
  });

  it('passes the reference backend (it refuses duplicate keys)', async () => {
    const s = await judge(() =>
      buildReferenceBackend({ alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey, requireSignature: true }),
    );
    expect(s.status, s.failures.map((f) => f.message).join('; ')).toBe('passed');
  });

  it('fails a backend that verifies the first "response" and decrypts the last', async () => {
    const s = await judge(() =>
      duplicateKeyConfusion.build({
        alipayPublicKey: keys.alipayPublicKey,
        aesKey: keys.aesKey,
        requireSignature: true,
      }),
    );
    expect(s.status).toBe('failed');
    expect(s.failures.map((f) => f.message).join('\n')).toMatch(/accepted a payload it must reject/);
    // the verdict shown ("expected …, got …") is the probe that was accepted, not the last one sent
    expect(s.verdict?.kind).toBe('accepted');
  });
});
