import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq1Success = defineScenario({
  id: 'faq1-success',
  group: 'faq',
  title: 'consent through the button → the backend binds the exact mobile',
  faq: FAQ.q1,
  cause: 'the member taps 授权手机号 and 允许; Alipay returns 10000, encrypted and signed',
  remedy: REMEDY.decrypt,
  given: [],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('success', { signed: true, requireSignature }),
  checks: ['phone-after-tap'],
});
