import type { RootCause } from './root-cause.js';

export type { CauseId, RootCause } from './root-cause.js';

/**
 * The shape of a run's results: what `report.json` holds and what every reporter reads.
 * Schema version 1; documented in README ("report.json").
 */

export type Verdict =
  /** 2xx with a mobile */
  | { kind: 'accepted'; mobile: string }
  /** non-2xx with the contract's error body */
  | { kind: 'rejected'; code: string; message?: string }
  /** no answer, reset, timeout, or a 5xx / non-contract body */
  | { kind: 'crashed'; reason: string }
  /** the page never called the backend (e.g. the user refused) */
  | { kind: 'no-call' };

export type Expectation =
  | { kind: 'accepted'; mobile: 'issued' | string }
  /**
   * refused with one of `codes`; with `anyCode`, any refusal counts (malformed input: that it is refused cleanly
   * matters, not which code says so — `codes` then lists the usual ones)
   */
  | { kind: 'rejected'; codes: string[]; anyCode?: boolean }
  | { kind: 'no-call' }
  /** security probes: several requests must get the same answer */
  | { kind: 'same-answer'; codes?: string[] }
  /** informational scenarios never fail */
  | { kind: 'informational' };

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface Screenshot {
  /** step label it belongs to */
  label: string;
  /** path relative to the report dir, e.g. `screenshots/faq1-success-01.png` */
  path: string;
}

export interface StepRecord {
  /** short label in domain words, e.g. "tap 允许 on the consent sheet" */
  label: string;
  status: 'ok' | 'failed' | 'skipped';
  /** ms since the scenario started */
  startedAtMs: number;
  durationMs: number;
  detail?: string;
  screenshot?: Screenshot;
}

/** What a request to the backend was for. */
export type ExchangeRole = 'login' | 'phone' | 'probe' | 'health' | 'other';

export interface HttpExchange {
  /** what this request was, for multi-request scenarios (e.g. "body is not JSON") */
  label?: string;
  /** login, phone (carried `res.response`), probe (a security or diagnosis payload), health, other */
  role?: ExchangeRole;
  /** `pageUrl`: what the page asked for, when its API host was mapped to the target */
  request: { method: string; url: string; pageUrl?: string; headers?: Record<string, string>; body?: string };
  /** absent when there was no answer */
  response?: { status: number; headers?: Record<string, string>; body: string };
  error?: string;
  durationMs: number;
}

export interface Evidence {
  /** exactly the `res.response` string the page received */
  envelope?: string;
  /** the envelope's decrypted plaintext (by the mock, with the keys it used) */
  plaintext?: string;
  /** outcome the gateway emitted, e.g. `40003`, `success` */
  outcome?: string;
  /** every request the harness (or the page) sent to the backend */
  backend: HttpExchange[];
  /** what the page showed, if the browser driver ran (e.g. the refusal message) */
  pageText?: string;
  /** console lines / alerts from the page */
  pageLog?: string[];
  /** gateway journal entries for this scenario's session (condensed) */
  journal?: Array<{ api: string; outcome?: string; at: string; appId?: string }>;
}

export interface Failure {
  /** one sentence in domain words: "backend accepted a payload without sign (expected SIGNATURE_MISSING)" */
  message: string;
  /** longer explanation: expected vs actual */
  detail?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** `faq` | `security` | `login` */
  group: string;
  /** the FAQ question (Chinese title) this scenario comes from, or the attack's name */
  faq: string;
  /** the cause set up, in words ("the AES key is not set in the console") */
  cause: string;
  /** the FAQ's remedy, or the security fix */
  remedy: string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  /** security scenarios: the attack and why it matters, for a reviewer */
  explanation?: string;
  expected: Expectation;
  /** the verdict the backend got; for multi-request scenarios the last or the decisive one */
  verdict?: Verdict;
  status: ScenarioStatus;
  /** why a skipped scenario did not run (e.g. "interrupted (SIGINT)") */
  skipReason?: string;
  durationMs: number;
  driver: 'browser' | 'http';
  steps: StepRecord[];
  evidence: Evidence;
  failures: Failure[];
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export interface RunReport {
  schemaVersion: 1;
  tool: { name: 'alimock'; version: string };
  startedAt: string;
  target: { url: string; description: string };
  driver: 'browser' | 'http';
  requireSignature: boolean;
  summary: RunSummary;
  /** set when the run was stopped before its end: what stopped it (SIGINT, SIGTERM, a closed output) */
  interrupted?: string;
  /** where the target command's whole output is (command targets) */
  targetLog?: string;
  /** the page the browser driver ran (a team's project: its compile problems and its FAQ Q1 lint findings) */
  miniProgram?: MiniProgramReport;
  /** the root causes of the failures, most fundamental first (empty when every scenario passed) */
  diagnosis?: RootCause[];
  scenarios: ScenarioResult[];
}

/** A finding of `alimock lint` on the team's project (FAQ Q1 on its markup and code). */
export interface LintFindingReport {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface MiniProgramReport {
  /** the project's root folder, or "the FAQ sample page" */
  root: string;
  /** problems found while compiling it (file:line:column message) */
  diagnostics: string[];
  /** FAQ Q1 on its markup and code */
  lint: LintFindingReport[];
}
