import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq4CiphertextNotPhone = defineScenario({
  id: 'faq4-ciphertext-not-phone',
  group: 'faq',
  title: 'the page gets ciphertext and a signature, never the number; the backend decrypts it',
  faq: FAQ.q4,
  cause: 'normal flow: my.getPhoneNumber returns {response, sign, …}; only the server can verify and decrypt it',
  remedy: REMEDY.decrypt,
  given: [{ member: { mobile: '13912345678' } }, { consent: 'allow' }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('success', { signed: true, requireSignature }),
  checks: ['envelope-hides-mobile'],
});
