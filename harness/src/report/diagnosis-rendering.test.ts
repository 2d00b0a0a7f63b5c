/**
 * The root causes open every report — console, summary.md, report.html — before the scenario list; an interrupted
 * run says so, and a skipped scenario says why.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from './console-reporter.js';
import { renderHtml } from './html-render.js';
import { renderMarkdown } from './markdown-reporter.js';
import type { RunReport } from './report-types.js';
import { makeRunReport } from './test/fixture.js';

function reportWithDiagnosis(): RunReport {
  const report = makeRunReport();
  report.diagnosis = [
    {
      cause: 'signature-unquoted',
      title: 'your backend verifies the signature WITHOUT the surrounding double quotes',
      evidence: ['faq1-success', 'sec-sign-unquoted'],
      remedy:
        'Verify the quoted value. `alimock doctor --file alimock-report/payloads/faq1-success.txt --keys <dir>` shows it.',
      detail: "alimock doctor verifies and decrypts all 2 of these payloads with this run's keys",
    },
    {
      cause: 'crash-on-bad-input',
      title: 'your backend crashes <b>',
      evidence: ['sec-malformed-body'],
      remedy: 'Validate.',
    },
  ];
  report.interrupted = 'SIGINT';
  const last = report.scenarios[report.scenarios.length - 1];
  if (last) Object.assign(last, { status: 'skipped', skipReason: 'interrupted (SIGINT) before it ran' });
  return report;
}

describe('the diagnosis in the reports', () => {
  it('summary.md: root causes right after the headline, before the table; commands as code; skip reasons shown', () => {
    const md = renderMarkdown(reportWithDiagnosis());
    const causes = md.indexOf('### Root causes, most fundamental first');
    expect(causes).toBeGreaterThan(0);
    expect(causes).toBeLessThan(md.indexOf('| :-: |'));
    expect(md).toContain(
      '1. **your backend verifies the signature WITHOUT the surrounding double quotes** (`signature-unquoted`)',
    );
    expect(md).toContain('`alimock doctor --file alimock-report/payloads/faq1-success.txt --keys <dir>`');
    expect(md).toContain('Shown by: `faq1-success`, `sec-sign-unquoted`');
    expect(md).toContain('your backend crashes &lt;b&gt;');
    expect(md).toMatch(/Interrupted \(SIGINT\)/);
    expect(md).toContain('skipped (interrupted (SIGINT) before it ran)');
  });

  it('report.html: a root-cause section before the first scenario card, linking to the evidence, escaped', () => {
    const html = renderHtml(reportWithDiagnosis(), new Map());
    const section = html.indexOf('<section class="diagnosis"');
    expect(section).toBeGreaterThan(0);
    expect(section).toBeLessThan(html.indexOf('<section class="card'));
    expect(html).toContain('<a href="#faq1-success" class="mono">faq1-success</a>');
    expect(html).toContain(
      '<code>alimock doctor --file alimock-report/payloads/faq1-success.txt --keys &lt;dir&gt;</code>',
    );
    expect(html).toContain('your backend crashes &lt;b&gt;');
    expect(html).not.toContain('`alimock doctor');
    expect(html).toMatch(/Interrupted \(SIGINT\)/);
  });

  it('console: the root causes before the list of failures, numbered, with the fix', () => {
    let out = '';
    const stream = {
      write(s: string) {
        out += s;
        return true;
      },
    };
    const reporter = createConsoleReporter({ stream: stream as never, color: false });
    reporter.onRunEnd?.(reportWithDiagnosis());
    const causes = out.indexOf('Root causes, most fundamental first:');
    expect(causes).toBeGreaterThanOrEqual(0);
    expect(causes).toBeLessThan(out.indexOf('failed:'));
    expect(out).toContain(
      '  1. your backend verifies the signature WITHOUT the surrounding double quotes [signature-unquoted]',
    );
    expect(out).toContain('     fix: Verify the quoted value.');
    expect(out).toContain('     shown by: faq1-success, sec-sign-unquoted');
    expect(out).toMatch(/interrupted \(SIGINT\)/);
  });
});
