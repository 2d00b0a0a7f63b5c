import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq3EncryptError = defineScenario({
  id: 'faq3-40002-encrypt-error',
  group: 'faq',
  title: '40002 加密异常',
  faq: FAQ.q3,
  cause: 'the AES key set in the console is unusable: 40002 isv.invalid-encrypt, as a plain object without sign',
  remedy: REMEDY.aes,
  given: [{ app: { aesKeyStatus: 'unusable' } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40002', { signed: false, requireSignature }),
});
