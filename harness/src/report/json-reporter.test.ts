import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonReporter } from './json-reporter.js';
import schema from './report-schema.json' with { type: 'json' };
import type { RunReport } from './report-types.js';
import { makeRunReport } from './test/fixture.js';

type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((ajvFormats as unknown as { default?: AddFormats }).default ?? ajvFormats) as unknown as AddFormats;

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alimock-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json reporter', () => {
  it('writes report.json (pretty-printed) into a report dir it creates, and it validates against the schema', async () => {
    const reportDir = join(dir, 'nested', 'report');
    const report = makeRunReport();
    await createJsonReporter({ reportDir }).onRunEnd!(report);
    const text = await readFile(join(reportDir, 'report.json'), 'utf8');
    expect(text).toContain('\n  "schemaVersion": 1,');
    const parsed = JSON.parse(text) as RunReport;
    expect(parsed).toEqual(report);
    const validate = compile();
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(await readdir(reportDir)).toEqual(['report.json']); // no temp file left behind
  });

  it('the schema rejects reports that break the data model', () => {
    const validate = compile();
    const bad: Array<[string, (r: Record<string, unknown>) => void]> = [
      ['missing summary', (r) => delete r.summary],
      ['wrong schemaVersion', (r) => (r.schemaVersion = 2)],
      ['unknown driver', (r) => (r.driver = 'curl')],
      ['startedAt not a date-time', (r) => (r.startedAt = 'yesterday')],
      [
        'verdict kind unknown',
        (r) => ((r.scenarios as Array<Record<string, unknown>>)[0]!.verdict = { kind: 'maybe' }),
      ],
      [
        'rejected expectation without codes',
        (r) => ((r.scenarios as Array<Record<string, unknown>>)[0]!.expected = { kind: 'rejected' }),
      ],
      [
        'step status unknown',
        (r) => ((r.scenarios as Array<{ steps: Array<Record<string, unknown>> }>)[0]!.steps[0]!.status = 'done'),
      ],
    ];
    for (const [what, mutate] of bad) {
      const r = structuredClone(makeRunReport()) as unknown as Record<string, unknown>;
      mutate(r);
      expect(validate(r), what).toBe(false);
    }
  });
});
