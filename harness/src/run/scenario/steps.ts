/**
 * Phase 2, steps: what the page (browser driver) or the JSAPI calls (http driver) do, and the raw requests the
 * security scenarios post. The first failing step stops the rest (they are shown as skipped).
 */
import { createMinter } from '../../scenario/minter.js';
import type { Step } from '../../scenario/types.js';
import { buildPhoneCall, buildRawPhoneCall } from '../../target/requests.js';
import { describeStep } from '../describe.js';
import { logIn } from './set-up.js';
import { type ScenarioState, StepFailure } from './state.js';
import { recordSkipped, recordStep } from './timeline.js';

async function runStep(state: ScenarioState, st: Step): Promise<void> {
  const { env, gw, page } = state;
  switch (st.do) {
    case 'tap-authorize':
      return page?.tapAuthorize(st.choice);
    case 'call-get-phone-number':
      return page?.callGetPhoneNumber();
    case 'login':
      return logIn(state);
    case 'advance-clock':
      await gw.advanceClock(st.ms);
      return;
    case 'expire-consent':
      await gw.expireConsent({ appId: state.appId, userId: state.userId });
      return;
    case 'post-raw': {
      const body = typeof st.body === 'function' ? st.body(createMinter(env.keys, env.foreign)) : st.body;
      const call = buildRawPhoneCall(
        env.config.contract,
        env.target.url,
        body,
        st.contentType ?? 'application/json',
        state.login,
      );
      if (!call.ok) throw new StepFailure(call.reason);
      state.raw.push(await env.target.send(call.value, { label: st.label, role: 'probe' }));
      return;
    }
    case 'post-envelope': {
      const envelope =
        typeof st.envelope === 'function' ? st.envelope(createMinter(env.keys, env.foreign)) : st.envelope;
      const call = buildPhoneCall(env.config.contract, env.target.url, envelope, state.login);
      if (!call.ok) throw new StepFailure(call.reason);
      state.raw.push(await env.target.send(call.value, { label: st.label, role: 'probe' }));
      return;
    }
  }
}

export async function runSteps(state: ScenarioState): Promise<void> {
  const steps = state.def.steps;
  for (const [i, st] of steps.entries()) {
    try {
      await recordStep(
        state,
        describeStep(st),
        () => runStep(state, st),
        st.do === 'tap-authorize' || st.do === 'call-get-phone-number',
      );
    } catch (e) {
      recordSkipped(
        state,
        steps.slice(i + 1).map((s) => describeStep(s)),
      );
      throw e;
    }
  }
}
