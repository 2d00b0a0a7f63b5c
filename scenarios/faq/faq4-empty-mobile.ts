import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq4EmptyMobile = defineScenario({
  id: 'faq4-empty-mobile',
  group: 'faq',
  title: 'member without a bound phone → 10000 with mobile ""',
  faq: FAQ.q4,
  cause:
    'the member has no phone bound to the Alipay account: the plaintext is {"code":"10000","msg":"Success","mobile":""}',
  remedy: REMEDY.emptyMobile,
  given: [{ member: { noMobile: true } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('empty-mobile', { signed: true, requireSignature }),
});
