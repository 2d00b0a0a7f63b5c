import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq5NoGateway = defineScenario({
  id: 'faq5-missing-sign-no-gateway',
  group: 'faq',
  title: 'app gateway not set → 10000 without sign',
  faq: FAQ.q5,
  cause: 'the app gateway (应用网关) is not set: the envelope carries an encrypted 10000 but no sign',
  remedy: REMEDY.sign,
  given: [{ app: { appGatewaySet: false } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('success', { signed: false, requireSignature }),
});
