/** Domain-word formatting shared by the reporters: expectations, verdicts, durations, ordering. */
import type { Expectation, HttpExchange, ScenarioResult, ScenarioStatus, Verdict } from './report-types.js';

/** "rejected AUTH_REQUIRED", "rejected SIGNATURE_MISSING or ALIPAY_MISCONFIGURED", "accepted (the issued mobile)" */
export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'accepted':
      return e.mobile === 'issued' ? 'accepted (the issued mobile)' : `accepted (mobile ${e.mobile})`;
    case 'rejected':
      if (e.anyCode) return `rejected with any error code (e.g. ${joinOr(e.codes)}), never a 5xx`;
      return e.codes.length === 0 ? 'rejected' : `rejected ${joinOr(e.codes)}`;
    case 'no-call':
      return 'no call reaches the backend';
    case 'same-answer':
      return e.codes && e.codes.length > 0
        ? `the same answer to every probe: rejected with ${e.codes.join(' or ')}`
        : 'the same answer to every probe';
    case 'informational':
      return 'informational (never fails)';
  }
}

/** "accepted 13800138000", "rejected AUTH_REQUIRED", "crashed: connection reset", "no call", "—" */
export function describeVerdict(v: Verdict | undefined): string {
  if (!v) return '—';
  switch (v.kind) {
    case 'accepted':
      return `accepted ${v.mobile}`;
    case 'rejected':
      return `rejected ${v.code}`;
    case 'crashed':
      return `crashed: ${v.reason}`;
    case 'no-call':
      return 'no call';
  }
}

function joinOr(codes: string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
}

/** 850 → "850ms", 12_345 → "12.3s", 125_000 → "2m 5s" */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m ${s}s`;
}

/** seconds with millisecond precision, as JUnit wants: 1234 → "1.234" */
export function toSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

const statusRank: Record<ScenarioStatus, number> = { failed: 0, passed: 1, skipped: 2 };
const severityRank: Record<NonNullable<ScenarioResult['severity']>, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};

/** Failures first (most severe first), then passed, then skipped; stable otherwise. */
export function orderForReview(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return scenarios
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        statusRank[a.s.status] - statusRank[b.s.status] ||
        (a.s.status === 'failed' ? severityRank[a.s.severity ?? 'info'] - severityRank[b.s.severity ?? 'info'] : 0) ||
        a.i - b.i,
    )
    .map(({ s }) => s);
}

/** Groups scenarios by `group`, keeping the order in which groups first appear. */
export function groupScenarios(scenarios: readonly ScenarioResult[]): Map<string, ScenarioResult[]> {
  const groups = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) {
    const list = groups.get(s.group);
    if (list) list.push(s);
    else groups.set(s.group, [s]);
  }
  return groups;
}

/**
 * Makes characters that are invalid in XML 1.0 (and invisible in HTML), such as U+0000 or a lone surrogate,
 * visible as `\u0000` text, so every report stays well-formed and a reviewer still sees what the backend sent.
 */
export function showInvalidChars(text: string): string {
  return text.replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

/** Cuts `text` to at most `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Pretty-prints JSON text; returns the text unchanged when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** "POST http://127.0.0.1:3000/api/alipay/phone → 400 (12ms)" */
export function describeExchange(x: HttpExchange): string {
  const answer = x.response ? `${x.response.status}` : `no answer${x.error ? `: ${x.error}` : ''}`;
  return `${x.request.method} ${x.request.url} → ${answer} (${formatDuration(x.durationMs)})`;
}

/** The last backend exchange, the one that usually decided the verdict. */
export function lastExchange(s: ScenarioResult): HttpExchange | undefined {
  return s.evidence.backend[s.evidence.backend.length - 1];
}
