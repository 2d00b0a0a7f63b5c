import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import {
  describeExchange,
  describeExpectation,
  describeVerdict,
  groupScenarios,
  showInvalidChars,
  toSeconds,
  truncate,
} from './format.js';
import type { RunReport, ScenarioResult } from './report-types.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const JUNIT_REPORT_FILE = 'junit.xml';

/**
 * xmlbuilder2, loaded when the first junit.xml is written: importing it costs ~190 CPU ms, paid before by every
 * process that loaded the reporters (every run, test process and integration), most of which write no XML.
 */
let xml: typeof import('xmlbuilder2') | undefined;
function xmlbuilder(): typeof import('xmlbuilder2') {
  xml ??= createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');
  return xml;
}

/** Longest backend body quoted in a failure body; the full text is in report.json / report.html. */
const MAX_BODY = 2000;

/**
 * Writes `<reportDir>/junit.xml`: `<testsuites>` → one `<testsuite>` per group (faq, security, login …) →
 * one `<testcase name="<id>: <title>" classname="alimock.<group>">` per scenario, as GitLab's and GitHub's
 * JUnit readers expect (tests, failures, errors, skipped, time on every suite).
 */
export function createJunitReporter(opts: { reportDir: string; fileName?: string }): Reporter {
  const file = join(opts.reportDir, opts.fileName ?? JUNIT_REPORT_FILE);
  return {
    name: 'junit',
    async onRunEnd(report: RunReport) {
      await writeFileAtomic(file, renderJunit(report));
    },
  };
}

/** The junit.xml text for a report. Pure. */
export function renderJunit(report: RunReport): string {
  const doc = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: replaceInvalid });
  const root = doc.ele('testsuites', {
    name: 'alimock',
    tests: report.summary.total,
    failures: report.summary.failed,
    errors: 0,
    skipped: report.summary.skipped,
    time: toSeconds(report.summary.durationMs),
    timestamp: report.startedAt,
  });
  for (const [group, scenarios] of groupScenarios(report.scenarios)) {
    const suite = root.ele('testsuite', {
      name: clean(group),
      tests: scenarios.length,
      failures: scenarios.filter((s) => s.status === 'failed').length,
      errors: 0,
      skipped: scenarios.filter((s) => s.status === 'skipped').length,
      time: toSeconds(scenarios.reduce((sum, s) => sum + s.durationMs, 0)),
      timestamp: report.startedAt,
    });
    const props = suite.ele('properties');
    for (const [name, value] of [
      ['target', report.target.url],
      ['target.description', report.target.description],
      ['driver', report.driver],
      ['requireSignature', String(report.requireSignature)],
      ['alimock.version', report.tool.version],
    ] as const) {
      props.ele('property', { name, value: attr(value) });
    }
    for (const s of scenarios) addTestcase(suite, s);
  }
  return doc.end({ prettyPrint: true });
}

function addTestcase(suite: XMLBuilder, s: ScenarioResult): void {
  const tc = suite.ele('testcase', {
    name: attr(`${s.id}: ${s.title}`),
    classname: attr(`alimock.${s.group}`),
    time: toSeconds(s.durationMs),
  });
  if (s.status === 'failed') {
    const first =
      s.failures[0]?.message ?? `expected ${describeExpectation(s.expected)}, got ${describeVerdict(s.verdict)}`;
    tc.ele('failure', { message: attr(first), type: s.expected.kind }).txt(clean(failureBody(s)));
  } else if (s.status === 'skipped') {
    const reason = s.failures[0]?.message ?? s.steps.find((st) => st.status === 'skipped')?.detail;
    tc.ele('skipped', reason ? { message: attr(reason) } : {});
  }
  tc.ele('system-out').txt(clean(timeline(s)));
}

function failureBody(s: ScenarioResult): string {
  const lines: string[] = [];
  s.failures.forEach((f, i) => {
    lines.push(`${i + 1}. ${f.message}`);
    if (f.detail) lines.push(indent(f.detail, '   '));
  });
  lines.push('', `expected: ${describeExpectation(s.expected)}`, `got:      ${describeVerdict(s.verdict)}`);
  const last = s.evidence.backend[s.evidence.backend.length - 1];
  if (last) {
    lines.push('', `backend: ${describeExchange(last)}`);
    if (last.response) lines.push(indent(truncate(last.response.body, MAX_BODY), '   '));
  }
  lines.push('', `FAQ: ${s.faq}`, `cause: ${s.cause}`);
  if (s.explanation) lines.push(`why it matters: ${s.explanation}`);
  lines.push(`remedy: ${s.remedy}`);
  return lines.join('\n');
}

function timeline(s: ScenarioResult): string {
  const lines = [`${s.id} (${s.driver} driver) — ${s.faq}`, `cause: ${s.cause}`];
  for (const st of s.steps) {
    const at = `+${toSeconds(st.startedAtMs)}s`.padEnd(10);
    const dur = `${toSeconds(st.durationMs)}s`.padEnd(9);
    lines.push(`${at}${dur}${st.status.padEnd(8)}${st.label}`);
    if (st.detail) lines.push(indent(st.detail, ' '.repeat(27)));
    if (st.screenshot) lines.push(`${' '.repeat(27)}screenshot: ${st.screenshot.path}`);
  }
  if (s.evidence.outcome) lines.push(`gateway outcome: ${s.evidence.outcome}`);
  for (const x of s.evidence.backend) lines.push(`backend: ${describeExchange(x)}`);
  lines.push(`verdict: ${describeVerdict(s.verdict)}`);
  return lines.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function clean(text: string): string {
  return showInvalidChars(text);
}

/** Attribute values: single line (parsers turn raw newlines in attributes into spaces anyway). */
function attr(text: string): string {
  return showInvalidChars(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

function replaceInvalid(char: string): string {
  return showInvalidChars(char);
}
