/**
 * The FAQ scenario ids of docs/scenarios.md, written out literally once (in the broken-backends registry), not derived
 * from scenarios/: a rename there must break the tests.
 */
export { FAQ_SCENARIO_IDS as FAQ_IDS } from '../../../examples/broken-backends/broken-backend.js';
