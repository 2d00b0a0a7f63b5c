import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq5NoAesKey = defineScenario({
  id: 'faq5-missing-sign-no-aes-key',
  group: 'faq',
  title: 'AES key not set → plain 40001 without sign',
  faq: FAQ.q5,
  cause: 'the AES key is not set: the envelope is {"response":{"code":"40001",…}} with no sign',
  remedy: REMEDY.sign,
  given: [{ app: { aesKeyStatus: 'not-set' } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) =>
    expectedAnswer('40001-encrypt-key', { signed: false, requireSignature, signatureFirst: true }),
});
