/**
 * `runSuite` as the package exports it: alimock's own suite unless `scenarios` says otherwise. (The runner itself,
 * run/run-suite.ts, is given its scenarios: it does not depend on the scenario files.)
 */
import { allScenarios } from '../../scenarios/index.js';
import type { ResolvedConfig } from './config/resolve-config.js';
import { type SuiteOptions as GivenOptions, runSuite as runGiven, type SuiteResult } from './run/run-suite.js';

export type SuiteOptions = Omit<GivenOptions, 'scenarios'> & Partial<Pick<GivenOptions, 'scenarios'>>;

/** Runs the selected scenarios (default: alimock's own suite) against the configured target; see `runSuite` in run/. */
export function runSuite(config: ResolvedConfig, options: SuiteOptions = {}): Promise<SuiteResult> {
  return runGiven(config, { ...options, scenarios: options.scenarios ?? allScenarios });
}
