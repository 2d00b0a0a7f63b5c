/**
 * Runs one scenario in its own gateway session, in four phases — set up → steps → evidence → judge — each
 * contained: whatever the target answers (or a fault of the harness) becomes this scenario's failure with its
 * evidence, never an exception that stops the run.
 */
import { DEMO_USER } from '../../../mock-gateway/src/model/users.js';
import type { Failure, ScenarioResult } from '../core/types.js';
import { PageFault } from '../driver/page-fault.js';
import { expectationFor, type ScenarioDefinition } from '../scenario/types.js';
import { collectEvidence, collectPageView } from './scenario/evidence.js';
import { judgeAnswers, PAGE_CHECKS, runChecks, scenarioVerdict } from './scenario/judge-phase.js';
import { setUp } from './scenario/set-up.js';
import { type ScenarioEnv, type ScenarioState, StepFailure } from './scenario/state.js';
import { runSteps } from './scenario/steps.js';
import { scenarioHeader } from './scenario-header.js';

export type { ScenarioEnv } from './scenario/state.js';

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return (message.split('\n')[0] ?? '').slice(0, 500);
}

function failureOf(e: unknown, doing: string): Failure {
  return e instanceof StepFailure || e instanceof PageFault
    ? { message: e.message }
    : { message: `the harness could not ${doing}: ${firstLine(e)}` };
}

/** Runs `fn`; an exception becomes a failure of the scenario (the phase's name says what could not be done). */
async function contained(state: ScenarioState, doing: string, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    state.failures.push(failureOf(e, doing));
    return false;
  }
}

function createState(def: ScenarioDefinition, env: ScenarioEnv): ScenarioState {
  const started = performance.now();
  const session = `${env.runId}.${def.id}`;
  return {
    def,
    env,
    session,
    gw: env.admin(session),
    appId: env.config.appId ?? env.keys.appId,
    userId: DEMO_USER.userId,
    expected: expectationFor(def, { requireSignature: env.config.requireSignature }),
    steps: [],
    failures: [],
    raw: [],
    journal: [],
    evidence: { backend: [] },
    at: () => Math.round(performance.now() - started),
  };
}

/** Runs one scenario and judges the backend's answers. Never throws. */
export async function runScenario(def: ScenarioDefinition, env: ScenarioEnv): Promise<ScenarioResult> {
  const state = createState(def, env);
  const driven = await contained(state, 'complete this scenario', async () => {
    await setUp(state);
    await runSteps(state);
  });
  await contained(state, 'read the gateway journal', () => collectEvidence(state));
  await contained(state, 'read what the page shows', () => collectPageView(state));
  if (driven && state.failures.length === 0) {
    await contained(state, 'judge the answers', async () => judgeAnswers(state));
    await contained(state, 'run the checks', () => runChecks(state));
  } else if (state.page) {
    // the page's own mistakes are worth naming even when a step failed (often they are why it failed)
    await contained(state, 'run the page checks', () => runChecks(state, PAGE_CHECKS));
  }
  for (const p of state.page?.problems ?? []) {
    const message = `config: ${p}`;
    if (!state.failures.some((f) => f.message === message || f.message === p)) state.failures.push({ message });
  }
  await state.page?.close().catch(() => undefined);
  await state.gw.reset().catch(() => undefined);

  let verdict: ScenarioResult['verdict'];
  try {
    verdict = scenarioVerdict(state);
  } catch {
    verdict = undefined;
  }
  return {
    ...scenarioHeader(def),
    expected: state.expected,
    ...(verdict ? { verdict } : {}),
    status: state.failures.length === 0 ? 'passed' : 'failed',
    durationMs: state.at(),
    driver: env.driver.name,
    steps: state.steps,
    evidence: state.evidence,
    failures: state.failures,
  };
}
