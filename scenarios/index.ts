import type { ScenarioDefinition } from '../harness/src/scenario/types.js';
import { faqScenarios } from './faq/index.js';
import { loginScenarios } from './login/index.js';
import { securityScenarios } from './security/index.js';

/** All scenarios the runner knows: the FAQ cases, the login flow, then the attacks. */
export const allScenarios: readonly ScenarioDefinition[] = [...faqScenarios, ...loginScenarios, ...securityScenarios];
