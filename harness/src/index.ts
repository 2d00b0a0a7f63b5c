/** alimock: config, scenarios and the runner as a library (the CLI is `alimock`). */

export { faqScenarios } from '../../scenarios/faq/index.js';
export { allScenarios } from '../../scenarios/index.js';
export { securityScenarios } from '../../scenarios/security/index.js';
export { defineConfig, type TargetConfig, type UserConfig } from './config/define-config.js';
export { loadConfig } from './config/load-config.js';
export { type ConfigResult, type ResolvedConfig, resolveConfig } from './config/resolve-config.js';
export type * from './report/report-types.js';
export type { Reporter, RunInfo } from './report/reporter.js';
export { runSuite, type SuiteOptions } from './run/run-suite.js';
export { defineScenario, type Given, type ScenarioDefinition, type Step } from './scenario/types.js';
export { type Contract, defaultContract } from './target/contract.js';
export { generateVectors, type TestVector, type VectorFile } from './vectors/generate-vectors.js';
