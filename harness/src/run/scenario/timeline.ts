/**
 * The scenario's timeline: each step recorded with its time, status, screenshot and (on failure) the reason.
 */
import type { ScenarioState } from './state.js';

/** Screenshots the driver took inside the step (the consent sheet, an alert) go on the timeline as moments. */
function pushInStepShots(state: ScenarioState, startedAtMs: number): void {
  for (const shot of state.page?.takeStepScreenshots() ?? []) {
    state.steps.push({ label: shot.label, status: 'ok', startedAtMs, durationMs: 0, screenshot: shot });
  }
}

/** Runs one step and records it; a failure is recorded, then rethrown to stop the remaining steps. */
export async function recordStep(
  state: ScenarioState,
  label: string,
  fn: () => Promise<void>,
  shoot = false,
): Promise<void> {
  const s = state.at();
  try {
    await fn();
    pushInStepShots(state, s);
    const screenshot = shoot && state.page ? await state.page.screenshot(label) : undefined;
    state.steps.push({
      label,
      status: 'ok',
      startedAtMs: s,
      durationMs: state.at() - s,
      ...(screenshot ? { screenshot } : {}),
    });
  } catch (e) {
    pushInStepShots(state, s);
    const screenshot =
      shoot && state.page ? await state.page.screenshot(`${label} (failed)`).catch(() => undefined) : undefined;
    state.steps.push({
      label,
      status: 'failed',
      startedAtMs: s,
      durationMs: state.at() - s,
      detail: (e as Error)?.message ?? String(e),
      ...(screenshot ? { screenshot } : {}),
    });
    throw e;
  }
}

/** Steps that never ran (an earlier one failed), shown as skipped. */
export function recordSkipped(state: ScenarioState, labels: string[]): void {
  const at = state.at();
  for (const label of labels) state.steps.push({ label, status: 'skipped', startedAtMs: at, durationMs: 0 });
}
