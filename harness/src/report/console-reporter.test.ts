import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from './console-reporter.js';
import { makeRunReport } from './test/fixture.js';

async function run(opts: { color?: boolean; env?: NodeJS.ProcessEnv }): Promise<string> {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const reporter = createConsoleReporter({ stream, ...opts });
  const report = makeRunReport();
  await reporter.onRunStart!({
    total: report.scenarios.length,
    target: report.target,
    driver: report.driver,
    reportDir: '/tmp/x',
    workers: 2,
  });
  for (const s of report.scenarios) await reporter.onScenarioEnd!(s);
  await reporter.onRunEnd!(report);
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ansi = /\u001b\[/;

describe('console reporter', () => {
  it('prints progress lines, indented failure messages and a plain summary line', async () => {
    const out = await run({ env: {} });
    const lines = out.split('\n');
    expect(lines[0]).toBe('Running 7 scenarios against http://127.0.0.1:4010 (browser driver, 2 workers)');
    expect(lines).toContain('  ✓ [1/7] faq1-success consent through the button gives the exact mobile (1.8s)');
    expect(lines).toContain('  ✗ [2/7] faq5-missing-sign-no-public-key a payload without sign must be refused (95ms)');
    expect(lines).toContain('      → backend accepted a payload without sign (expected SIGNATURE_MISSING)');
    expect(lines).toContain('        expected rejected SIGNATURE_MISSING, got accepted 13912345678');
    expect(lines).toContain(
      '  - [7/7] sec-forged-unsigned-plaintext a forged unsigned plaintext must not be trusted (skipped)',
    );
    expect(lines.at(-2)).toBe('4 passed, 2 failed, 1 skipped (4.3s)');
    expect(out).not.toMatch(ansi); // not a TTY, no FORCE_COLOR
  });

  it('colours when asked, but never the summary line; NO_COLOR wins over FORCE_COLOR', async () => {
    const coloured = await run({ env: { FORCE_COLOR: '1' } });
    expect(coloured).toMatch(ansi);
    expect(coloured.split('\n').at(-2)).toBe('4 passed, 2 failed, 1 skipped (4.3s)');
    expect(await run({ env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).not.toMatch(ansi);
    expect(await run({ color: true, env: {} })).toMatch(ansi);
  });

  it('keeps a backend-controlled message on one line without terminal escapes', async () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const reporter = createConsoleReporter({ stream, color: false });
    const s = makeRunReport().scenarios[1]!;
    s.failures = [{ message: 'evil\n\u001b[2Jcleared' }];
    await reporter.onScenarioEnd!(s);
    expect(out).not.toMatch(ansi);
    expect(out).toContain('→ evil \\u001b[2Jcleared');
  });
});
