import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq3InvalidAuth = defineScenario({
  id: 'faq3-40003-invalid-auth',
  group: 'faq',
  title: '40003 无效的授权关系 (injected)',
  faq: FAQ.q3,
  cause: 'Alipay answers 40003 although the member tapped 允许 (injected once: e.g. the consent was revoked meanwhile)',
  remedy: REMEDY.auth,
  given: [{ rule: { action: { kind: 'outcome', outcome: '40003' }, scope: { api: 'getPhoneNumber' }, times: 1 } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40003', { signed: true, requireSignature }),
});
