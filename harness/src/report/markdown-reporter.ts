import { join } from 'node:path';
import {
  describeExchange,
  describeExpectation,
  describeVerdict,
  formatDuration,
  lastExchange,
  orderForReview,
  showInvalidChars,
  truncate,
} from './format.js';
import type { RunReport, ScenarioResult, ScenarioStatus } from './report-types.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const MARKDOWN_REPORT_FILE = 'summary.md';

/** Longest backend body quoted per failure: a PR comment is limited to 65,536 characters. */
const MAX_BODY = 1500;

const icon: Record<ScenarioStatus, string> = { passed: '✅', failed: '❌', skipped: '⏭️' };

/**
 * Writes `<reportDir>/summary.md`, made for `$GITHUB_STEP_SUMMARY` or a PR comment:
 * a headline, one table row per scenario (failures first), then one section per failure with its remedy.
 */
export function createMarkdownReporter(opts: { reportDir: string; fileName?: string }): Reporter {
  const file = join(opts.reportDir, opts.fileName ?? MARKDOWN_REPORT_FILE);
  return {
    name: 'markdown',
    async onRunEnd(report: RunReport) {
      await writeFileAtomic(file, renderMarkdown(report));
    },
  };
}

/** The summary.md text for a report. Pure. */
export function renderMarkdown(report: RunReport): string {
  const { summary } = report;
  const ok = summary.failed === 0;
  const out: string[] = [];
  out.push(
    `## ${ok ? '✅' : '❌'} alimock: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped (${formatDuration(summary.durationMs)})`,
    '',
    `Target ${inline(report.target.url)} — ${text(report.target.description)} · driver \`${report.driver}\` · ` +
      `signature ${report.requireSignature ? 'required' : 'optional'} · alimock ${text(report.tool.version)} · ` +
      `started ${text(report.startedAt)}`,
    '',
  );
  if (report.interrupted) {
    out.push(
      `> ⚠️ **Interrupted (${text(report.interrupted)}):** ${summary.skipped} scenario${summary.skipped === 1 ? '' : 's'} did not run and ${summary.skipped === 1 ? 'is' : 'are'} marked skipped.`,
      '',
    );
  }
  out.push(...diagnosisSection(report), ...miniProgramSection(report));
  const scenarios = orderForReview(report.scenarios);
  if (scenarios.length > 0) {
    out.push('| | id | FAQ question | expected | got |', '| :-: | --- | --- | --- | --- |');
    for (const s of scenarios) {
      out.push(
        `| ${icon[s.status]} | ${cell(`\`${s.id}\``)} | ${cell(s.faq)} | ${cell(describeExpectation(s.expected))} | ${cell(s.status === 'skipped' ? `skipped${s.skipReason ? ` (${s.skipReason})` : ''}` : describeVerdict(s.verdict))} |`,
      );
    }
    out.push('');
  }
  const failed = scenarios.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    out.push('### Failures', '');
    for (const s of failed) out.push(...failureSection(s));
  }
  return `${out.join('\n')}\n`;
}

/** The root causes, first: what to fix, before the list of what failed. */
function diagnosisSection(report: RunReport): string[] {
  const causes = report.diagnosis ?? [];
  if (causes.length === 0) return [];
  const out = [`### ${causes.length === 1 ? 'Root cause' : 'Root causes, most fundamental first'}`, ''];
  causes.forEach((c, i) => {
    out.push(`${i + 1}. **${rich(c.title)}** (${inline(c.cause)})`);
    out.push(`   - **Fix:** ${rich(c.remedy)}`);
    if (c.detail) out.push(`   - ${rich(c.detail)}`);
    out.push(`   - Shown by: ${c.evidence.map((id) => inline(id)).join(', ')}`);
  });
  out.push('');
  return out;
}

/** The team's page: what would not compile, and FAQ Q1 on its markup and code (alimock lint). */
function miniProgramSection(report: RunReport): string[] {
  const mp = report.miniProgram;
  if (!mp || (mp.lint.length === 0 && mp.diagnostics.length === 0)) return [];
  const out = [`### Your mini-program (${text(mp.root)})`, ''];
  for (const d of mp.diagnostics) out.push(`- ❌ ${inline(d)}`);
  for (const f of mp.lint)
    out.push(
      `- ⚠️ ${inline(`${f.file}:${f.line}:${f.column}`)} ${text(f.message)} (${inline(f.rule)}) — **fix:** ${text(f.fix)}`,
    );
  out.push('');
  return out;
}

/** Text whose `code spans` are rendered as code (remedies name commands and files that way). */
function rich(value: string): string {
  return value
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? inline(part.slice(1, -1)) : text(part)))
    .join('');
}

function failureSection(s: ScenarioResult): string[] {
  const out: string[] = [];
  const sev = s.severity ? ` · severity **${s.severity}**` : '';
  out.push(
    `#### ❌ \`${s.id}\` — ${text(s.title)}`,
    '',
    `> ${text(s.faq)}`,
    '',
    `**Simulated:** ${text(s.cause)}${sev}`,
    '',
  );
  for (const f of s.failures) {
    out.push(`- **${text(f.message)}**`);
    if (f.detail) out.push(`  ${text(f.detail).replace(/\n/g, '  \n  ')}`);
  }
  out.push(
    '',
    `**Expected:** ${text(describeExpectation(s.expected))} · **got:** ${text(describeVerdict(s.verdict))}`,
    '',
  );
  const x = lastExchange(s);
  if (x) {
    out.push(`**Backend:** ${inline(describeExchange(x))}`, '');
    if (x.response?.body) out.push(...fenced(truncate(x.response.body, MAX_BODY)), '');
  }
  if (s.explanation) out.push(`**Why it matters:** ${text(s.explanation)}`, '');
  out.push(`**Remedy:** ${rich(s.remedy)}`, '');
  return out;
}

/**
 * Text outside code: show invalid characters, neutralise HTML (GitHub would drop or render tags) and the
 * Markdown characters that could restructure the page.
 */
function text(value: string): string {
  return showInvalidChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]])/g, '\\$1');
}

/** A table cell: like text(), plus `|` escaped and newlines turned into <br>. Code spans are kept. */
function cell(value: string): string {
  const escaped = value.startsWith('`') && value.endsWith('`') ? inline(value.slice(1, -1)) : text(value);
  return escaped.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** An inline code span that survives any backticks in the value. */
function inline(value: string): string {
  const v = showInvalidChars(value).replace(/\r?\n/g, ' ');
  const runs = v.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in the body. */
function fenced(body: string): string[] {
  const v = showInvalidChars(body);
  const runs = v.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return [`${fence}text`, v, fence];
}
