import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq2IsvPermissionPending = defineScenario({
  id: 'faq2-isv-permission-pending',
  group: 'faq',
  title: 'package added, 用户信息申请 not approved → 40006',
  faq: FAQ.q2,
  cause: 'the feature package is added but the phone scope of 用户信息申请 is still awaiting approval',
  remedy: REMEDY.isv,
  given: [{ app: { phonePackage: 'added' } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40006', { signed: true, requireSignature }),
});
