/**
 * The run's diagnosis names the root cause first, also where only the pattern and the probes can tell it:
 * a backend holding other keys than the run's, and one that reads the AES key as UTF-8 text.
 * (Every broken backend's first cause is checked in harness/src/run/broken-backends.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startBrokenBackend } from '../../../examples/broken-backends/server.js';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { otherRsaPair } from '../../../mock-gateway/src/test-support/rsa-pairs.js';
import { startReferenceBackend } from '../../../reference-backend/src/server.js';
import { faqScenarios } from '../../../scenarios/faq/index.js';
import { runSuite } from '../run/run-suite.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('root-causes');
afterAll(() => dirs.cleanup());
const keys = resolveKeys(undefined);

async function diagnosisOf(start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const config = resolvedConfig({ driver: 'http', reporters: [], reportDir: dirs.make(), target: { start } });
  const result = await runSuite(config, { scenarios: faqScenarios, reporters: [] });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('root causes that need the probes and the doctor', () => {
  it('a backend with its own test keys: keys-mismatch-with-run, with the doctor confirming the payloads', async () => {
    const other = otherRsaPair().publicKey;
    const report = await diagnosisOf(() =>
      startReferenceBackend({ alipayPublicKey: other, aesKey: randomBytes(16).toString('base64') }),
    );
    const [first] = report.diagnosis ?? [];
    expect(first?.cause).toBe('keys-mismatch-with-run');
    expect(first?.title).toContain(keys.dir);
    expect(first?.remedy).toMatch(/alipay-public\.txt.*aes\.txt/);
    expect(first?.remedy).toMatch(/alimock doctor --file \S*payloads\/faq1-success\.txt/);
    expect(first?.detail).toMatch(/alimock doctor verifies and decrypts all \d+ of these payloads/);
    // the probes were sent like the phone request and are in no scenario's evidence
    for (const s of report.scenarios)
      expect(s.evidence.backend.some((x) => /diagnosis probe/.test(x.label ?? ''))).toBe(false);
  });

  it('a backend that reads the AES key as UTF-8: aes-key-mismatch naming the UTF-8 mistake (a probe tells)', async () => {
    const report = await diagnosisOf(() =>
      startBrokenBackend('utf8-aes-key', { alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey }),
    );
    const [first] = report.diagnosis ?? [];
    expect(first?.cause).toBe('aes-key-mismatch');
    expect(first?.title).toMatch(/as UTF-8 text instead of decoding its Base64/);
    expect(first?.detail).toMatch(/probe/);
  });

  it('a correct backend: no diagnosis and no probe sent', async () => {
    const report = await diagnosisOf(() =>
      startReferenceBackend({ alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey }),
    );
    expect(report.summary.failed).toBe(0);
    expect(report.diagnosis).toEqual([]);
  });
});
