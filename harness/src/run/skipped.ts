import type { ScenarioResult } from '../core/types.js';
import { expectationFor, type ScenarioDefinition } from '../scenario/types.js';
import { scenarioHeader } from './scenario-header.js';

/** The result of a scenario that did not run (the run was interrupted before or while it ran). */
export function skippedResult(
  def: ScenarioDefinition,
  reason: string,
  driver: ScenarioResult['driver'],
  requireSignature: boolean,
): ScenarioResult {
  return {
    ...scenarioHeader(def),
    expected: expectationFor(def, { requireSignature }),
    status: 'skipped',
    skipReason: reason,
    durationMs: 0,
    driver,
    steps: [],
    evidence: { backend: [] },
    failures: [],
  };
}
