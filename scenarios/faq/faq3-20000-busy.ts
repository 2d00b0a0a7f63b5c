import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq3Busy = defineScenario({
  id: 'faq3-20000-busy',
  group: 'faq',
  title: '20000 系统繁忙 → retryable',
  faq: FAQ.q3,
  cause: "a transient failure on Alipay's side: the next getPhoneNumber returns 20000 (injected once)",
  remedy: REMEDY.busy,
  given: [{ rule: { action: { kind: 'outcome', outcome: '20000' }, scope: { api: 'getPhoneNumber' }, times: 1 } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('20000', { signed: true, requireSignature }),
});
