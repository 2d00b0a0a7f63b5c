import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq3NoSignType = defineScenario({
  id: 'faq3-40001-no-sign-type',
  group: 'faq',
  title: '40001 应用未设置默认签名类型',
  faq: FAQ.q3,
  cause: 'the app has no default sign type: 40001 isv.missing-default-signature-type, encrypted, without sign',
  remedy: REMEDY.signType,
  given: [{ app: { signType: null } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40001-sign-type', { signed: false, requireSignature }),
});
