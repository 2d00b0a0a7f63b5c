import type { RunReport, ScenarioResult } from './report-types.js';
import type { Reporter, ReporterHook, RunInfo } from './reporter.js';

export interface ReporterError {
  reporter: string;
  hook: ReporterHook;
  error: unknown;
}

export type OnReporterError = (reporter: string, hook: ReporterHook, error: unknown) => void;

/** A reporter that fans out to others; `errors` lists every failure it contained, in order. */
export interface MultiplexReporter extends Reporter {
  readonly errors: readonly ReporterError[];
  onRunStart(info: RunInfo): Promise<void>;
  onScenarioStart(s: { id: string; title: string }): Promise<void>;
  onScenarioEnd(result: ScenarioResult): Promise<void>;
  onRunEnd(report: RunReport): Promise<void>;
}

/**
 * Fans every hook out to `reporters`, one after the other in the order given (so console output stays
 * ordered), awaiting each. A reporter that throws or rejects is recorded in `errors` and reported to
 * `onReporterError`; the others still run and the returned promise always resolves.
 */
export function createMultiplexer(reporters: Reporter[], onReporterError?: OnReporterError): MultiplexReporter {
  const errors: ReporterError[] = [];
  const list = [...reporters];

  async function dispatch<A>(hook: ReporterHook, arg: A): Promise<void> {
    for (const reporter of list) {
      const fn = reporter[hook] as ((a: A) => void | Promise<void>) | undefined;
      if (typeof fn !== 'function') continue;
      try {
        await fn.call(reporter, arg);
      } catch (error) {
        errors.push({ reporter: reporter.name, hook, error });
        try {
          onReporterError?.(reporter.name, hook, error);
        } catch {
          // the error callback itself must not break the run either
        }
      }
    }
  }

  return {
    name: 'multiplexer',
    errors,
    onRunStart: (info) => dispatch('onRunStart', info),
    onScenarioStart: (s) => dispatch('onScenarioStart', s),
    onScenarioEnd: (result) => dispatch('onScenarioEnd', result),
    onRunEnd: (report) => dispatch('onRunEnd', report),
  };
}
