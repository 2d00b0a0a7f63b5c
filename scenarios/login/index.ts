import type { ScenarioDefinition } from '../../harness/src/scenario/types.js';
import { loginThenPhone } from './login-then-phone.js';

/** Flows that span the login step and the phone step. */
export const loginScenarios: readonly ScenarioDefinition[] = [loginThenPhone];
