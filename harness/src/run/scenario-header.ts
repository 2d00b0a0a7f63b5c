import type { ScenarioResult } from '../core/types.js';
import type { ScenarioDefinition } from '../scenario/types.js';

/** What a scenario's result says of the scenario itself, whether it ran or not. */
export function scenarioHeader(
  def: ScenarioDefinition,
): Pick<ScenarioResult, 'id' | 'title' | 'group' | 'faq' | 'cause' | 'remedy' | 'severity' | 'explanation'> {
  return {
    id: def.id,
    title: def.title,
    group: def.group,
    faq: def.faq,
    cause: def.cause,
    remedy: def.remedy,
    ...(def.severity ? { severity: def.severity } : {}),
    ...(def.explanation ? { explanation: def.explanation } : {}),
  };
}
