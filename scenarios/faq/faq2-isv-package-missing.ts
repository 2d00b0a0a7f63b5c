import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq2IsvPackageMissing = defineScenario({
  id: 'faq2-isv-package-missing',
  group: 'faq',
  title: 'feature package not added → 40006 ISV权限不足',
  faq: FAQ.q2,
  cause: 'the 获取会员手机号 feature package is not added to the app',
  remedy: REMEDY.isv,
  given: [{ app: { phonePackage: 'not-added' } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40006', { signed: true, requireSignature }),
});
