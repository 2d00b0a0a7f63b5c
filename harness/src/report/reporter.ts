import type { RunReport, ScenarioResult } from './report-types.js';
import type { REPORTER_HOOKS } from './reporter-names.js';

/** What a reporter learns before the first scenario starts. */
export interface RunInfo {
  /** number of scenarios that will run (after --grep / --shard) */
  total: number;
  target: RunReport['target'];
  driver: 'browser' | 'http';
  /** where file reporters write; screenshots paths in the report are relative to it */
  reportDir: string;
  workers: number;
}

/**
 * One output of a run (console, report.json, junit.xml …). Every hook is optional, may be async, and may be
 * called by parallel workers in any order between onRunStart and onRunEnd. Reporters are fanned out by
 * `createMultiplexer`, which contains their failures: a reporter that throws never stops the run.
 */
export interface Reporter {
  readonly name: string;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onScenarioStart?(s: { id: string; title: string }): void | Promise<void>;
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>;
  onRunEnd?(report: RunReport): void | Promise<void>;
}

export type ReporterHook = (typeof REPORTER_HOOKS)[number];
