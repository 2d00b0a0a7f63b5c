import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq5NoPublicKey = defineScenario({
  id: 'faq5-missing-sign-no-public-key',
  group: 'faq',
  title: 'Alipay public key not set → 10000 without sign',
  faq: FAQ.q5,
  cause: 'the Alipay public key (接口加签方式) is not set: the envelope carries an encrypted 10000 but no sign',
  remedy: REMEDY.sign,
  given: [{ app: { alipayPublicKeySet: false } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('success', { signed: false, requireSignature }),
});
