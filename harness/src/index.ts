/** alimock: config, scenarios and the runner as a library (the CLI is `alimock`). */

export { faqScenarios } from '../../scenarios/faq/index.js';
export { allScenarios } from '../../scenarios/index.js';
export { securityScenarios } from '../../scenarios/security/index.js';
export { defineConfig, type TargetConfig, type UserConfig } from './config/define-config.js';
export { loadConfig } from './config/load-config.js';
export { type ConfigResult, type ResolvedConfig, resolveConfig } from './config/resolve-config.js';
export type * from './core/types.js';
/**
 * `diagnose(payload, { alipayPublicKey, aesKey, appPublicKey?, field? })`: what `alimock doctor` runs — says whether a
 * `my.getPhoneNumber` payload a backend received verifies, decrypts and carries a mobile, and if not, which mistake
 * it shows (`problems`: finding names such as `unquoted-signature`, `app-key-as-alipay-key`, `plus-became-space`).
 * Pure and quick, for use in your own tests. Every finding is explained in docs/doctor.md.
 */
export { diagnose } from './doctor/diagnose.js';
export {
  type BackendAnswer,
  type DiagnosedOutcome,
  type DiagnoseInput,
  type DiagnoseKeys,
  type DiagnoseOptions,
  type Diagnosis,
  type DiagnosisStep,
  FINDINGS,
  type Finding,
  type StepName,
  type StepStatus,
  TRANSIT_DAMAGE,
  type TransitDamage,
  type TransitDamageReport,
} from './doctor/types.js';
export {
  type BackendClient,
  type BackendClientOptions,
  createBackendClient,
  type PhoneAnswer,
} from './integrations/backend-client.js';
export type { Reporter, RunInfo } from './report/reporter.js';
export { VERDICT_RULE, verdictOf } from './run/verdict.js';
export { runSuite, type SuiteOptions } from './run-suite-default.js';
export { loadScenarios, type ScenariosResult } from './scenario/load-scenarios.js';
export { defineScenario, type Given, type ScenarioDefinition, type Step } from './scenario/types.js';
export {
  type Contract,
  defaultContract,
  type LoginResult,
  type PhoneRequestContext,
  type RequestSpec,
} from './target/contract.js';
export type { LoginOutcome } from './target/login.js';
export { generateVectors, type TestVector, type VectorFile } from './vectors/generate-vectors.js';
