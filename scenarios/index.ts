import type { ScenarioDefinition } from '../harness/src/scenario/types.js';
import { faqScenarios } from './faq/index.js';

/** All scenarios the runner knows, by group. */
export const allScenarios: readonly ScenarioDefinition[] = [...faqScenarios];
