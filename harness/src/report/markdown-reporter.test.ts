import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarkdownReporter, renderMarkdown } from './markdown-reporter.js';
import { makeRunReport } from './test/fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alimock-md-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('markdown reporter', () => {
  it('writes summary.md with a failing headline, one table row per scenario (failures first) and a section per failure', async () => {
    const report = makeRunReport();
    await createMarkdownReporter({ reportDir: dir }).onRunEnd!(report);
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('## ❌ alimock: 4 passed, 2 failed, 1 skipped (4.3s)');

    const rows = md.split('\n').filter((l) => /^\| (✅|❌|⏭️) \|/.test(l));
    expect(rows).toHaveLength(report.scenarios.length);
    for (const s of report.scenarios) expect(rows.some((r) => r.includes(`\`${s.id}\``))).toBe(true);
    expect(rows[0]).toContain('faq5-missing-sign-no-public-key'); // critical failure first
    expect(rows[1]).toContain('faq3-20000-busy');
    expect(rows.at(-1)).toContain('sec-forged-unsigned-plaintext');
    expect(rows[0]).toBe(
      '| ❌ | `faq5-missing-sign-no-public-key` | 获取用户手机号为何没有返回 sign？ | rejected SIGNATURE\\_MISSING | accepted 13912345678 |',
    );
    // each row has exactly the 5 cells (6 unescaped pipes)
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|')).toHaveLength(7);

    expect(md).toContain('#### ❌ `faq5-missing-sign-no-public-key`');
    expect(md).toContain('- **backend accepted a payload without sign (expected SIGNATURE\\_MISSING)**');
    expect(md).toContain('**Remedy:** 请确保已设置支付宝公钥，aes 密钥、应用网关。');
    expect(md).toContain('**Remedy:** 20000 系统繁忙：稍后再试。');
    // the hostile body is inside a code fence, never raw HTML in the page
    expect(md).toContain('```text\n{"mobile":"13800138000","note":"<script>alert(1)</script> ]]> nul:\\u0000');
    expect(md).not.toContain('\u0000');
    expect(md).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    // no section for passed scenarios
    expect(md).not.toContain('#### ❌ `faq1-success`');
  });

  it('escapes | and newlines in table cells', () => {
    const report = makeRunReport();
    const s = report.scenarios[0]!;
    s.faq = 'a | b\nsecond line';
    const md = renderMarkdown(report);
    const row = md.split('\n').find((l) => l.includes('`faq1-success`'))!;
    expect(row).toContain('a \\| b<br>second line');
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
  });

  it('shows ✅ when nothing failed', () => {
    const report = makeRunReport();
    report.scenarios = report.scenarios.filter((s) => s.status === 'passed');
    report.summary = { ...report.summary, total: 4, failed: 0, skipped: 0 };
    const md = renderMarkdown(report);
    expect(md.startsWith('## ✅ alimock: 4 passed, 0 failed, 0 skipped')).toBe(true);
    expect(md).not.toContain('### Failures');
  });
});
