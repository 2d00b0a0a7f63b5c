/**
 * `runSuite` as the package exports it: the config's scenarios (`scenarios`: files, folders, `builtin`), else
 * alimock's own suite; `options.scenarios` wins over both. (The runner itself, run/run-suite.ts, is given its
 * scenarios: it does not depend on the scenario files.)
 */
import { allScenarios } from '../../scenarios/index.js';
import type { ResolvedConfig } from './config/resolve-config.js';
import { type SuiteOptions as GivenOptions, runSuite as runGiven, type SuiteResult } from './run/run-suite.js';
import { loadScenarios, type ScenariosResult } from './scenario/load-scenarios.js';

export type SuiteOptions = Omit<GivenOptions, 'scenarios'> & Partial<Pick<GivenOptions, 'scenarios'>>;

/** The scenarios a config names (`scenarios`), loaded; alimock's own suite when it names none. */
export function configScenarios(config: ResolvedConfig): Promise<ScenariosResult> | ScenariosResult {
  return config.scenarios ? loadScenarios(config.scenarios, allScenarios) : { ok: true, value: [...allScenarios] };
}

/** Runs the selected scenarios against the configured target; see `runSuite` in run/. */
export async function runSuite(config: ResolvedConfig, options: SuiteOptions = {}): Promise<SuiteResult> {
  const scenarios = options.scenarios ? { ok: true as const, value: options.scenarios } : await configScenarios(config);
  if (!scenarios.ok) return scenarios;
  return runGiven(config, { ...options, scenarios: scenarios.value });
}
