/**
 * Phase 1, set up: the scenario's cause on the gateway (its own session), the page, and — when the contract maps a
 * login — the login a real page does on launch.
 */
import type { Given } from '../../scenario/types.js';
import { mapsLogin } from '../../target/contract.js';
import { type LoginOutcome, readLoginAnswer } from '../../target/login.js';
import { buildLoginCall } from '../../target/requests.js';
import { describeGiven } from '../describe.js';
import { type ScenarioState, StepFailure } from './state.js';
import { recordStep } from './timeline.js';

async function apply(state: ScenarioState, g: Given): Promise<void> {
  const { gw, appId } = state;
  if ('app' in g) await gw.setApp(g.app, appId);
  else if ('member' in g) state.userId = (await gw.addUser(g.member)).userId;
  else if ('consent' in g) {
    await gw.consent(g.consent, {
      appId,
      userId: state.userId,
      ...(g.ttlMs !== undefined ? { ttlMs: g.ttlMs } : {}),
    });
  } else await gw.addRule({ ...g.rule, scope: { ...g.rule.scope, session: state.session } });
}

/** Does the scenario drive the page (rather than only post raw bodies)? */
export function needsPage(state: ScenarioState): boolean {
  return state.def.steps.some(
    (st) => st.do === 'tap-authorize' || st.do === 'call-get-phone-number' || st.do === 'login',
  );
}

/** A login without a page (for scenarios that only post raw bodies): the code from the gateway, then the contract's request. */
async function loginWithoutPage(state: ScenarioState): Promise<LoginOutcome> {
  const { env } = state;
  const code = await state.gw.getAuthCode({ appId: state.appId, userId: state.userId });
  const call = buildLoginCall(env.config.contract, env.target.url, code);
  if (!call.ok) return call;
  const exchange = await env.target.send(call.value, { role: 'login', label: 'login on launch' });
  state.raw.push(exchange);
  return readLoginAnswer(exchange, env.config.contract);
}

/** Logs the page in; a failed login fails the step with the reason. */
export async function logIn(state: ScenarioState): Promise<void> {
  const outcome = state.page ? await state.page.login() : await loginWithoutPage(state);
  if (!outcome.ok) throw new StepFailure(outcome.reason);
  state.login = outcome.value;
}

export async function setUp(state: ScenarioState): Promise<void> {
  const { def, env } = state;
  for (const g of def.given) await recordStep(state, `given: ${describeGiven(g)}`, () => apply(state, g));
  if (needsPage(state)) {
    await recordStep(state, 'open the mini-program page', async () => {
      state.page = await env.driver.open({
        scenarioId: def.id,
        gatewayUrl: env.gatewayUrl,
        session: state.session,
        appId: state.appId,
        userId: state.userId,
        target: env.target,
        contract: env.config.contract,
        requestTimeoutMs: env.config.requestTimeoutMs,
        screenshots: { dir: `${env.config.reportDir}/screenshots`, relativeDir: 'screenshots' },
      });
    });
  }
  // a real page logs in on launch: with a mapped login, every scenario does (unless its steps log in themselves)
  if (mapsLogin(env.config.contract) && !def.steps.some((st) => st.do === 'login')) {
    await recordStep(state, 'log in on launch (my.getAuthCode → the login request)', () => logIn(state));
  }
}
