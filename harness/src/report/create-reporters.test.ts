import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReporters, isReporterName, type ReporterName } from './create-reporters.js';
import { createMultiplexer } from './multiplexer.js';
import { makeRunReport, writeFixtureScreenshots } from './test/fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alimock-reporters-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createReporters', () => {
  it('builds each named reporter once, in order, and together they write every report file into a new folder', async () => {
    const reportDir = join(dir, 'alimock-report');
    await writeFixtureScreenshots(reportDir);
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const reporters = createReporters(['console', 'json', 'junit', 'markdown', 'html', 'json'], { reportDir, stream });
    expect(reporters.map((r) => r.name)).toEqual(['console', 'json', 'junit', 'markdown', 'html']);
    const mux = createMultiplexer(reporters);
    const report = makeRunReport();
    await mux.onRunEnd(report);
    expect(mux.errors).toEqual([]);
    expect((await readdir(reportDir)).sort()).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'screenshots',
      'summary.md',
    ]);
    expect(out).toContain('4 passed, 2 failed, 1 skipped (4.3s)');
  });

  it('creates the report dir when a file reporter writes into a missing one', async () => {
    const reportDir = join(dir, 'a', 'b');
    const [json] = createReporters(['json'], { reportDir });
    await json!.onRunEnd!(makeRunReport());
    expect(await readdir(reportDir)).toEqual(['report.json']);
  });

  it('rejects an unknown name (programmer error) and tells names apart', () => {
    expect(() => createReporters(['pdf' as ReporterName], { reportDir: dir })).toThrow(/unknown reporter "pdf"/);
    expect(isReporterName('html')).toBe(true);
    expect(isReporterName('pdf')).toBe(false);
  });
});
