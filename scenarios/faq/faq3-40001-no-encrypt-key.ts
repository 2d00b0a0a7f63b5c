import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq3NoEncryptKey = defineScenario({
  id: 'faq3-40001-no-encrypt-key',
  group: 'faq',
  title: '40001 缺少加密配置',
  faq: FAQ.q3,
  cause: 'the AES key is not set: 40001 isv.missing-encrypt-key arrives as a plain object, without sign',
  remedy: REMEDY.aes,
  given: [{ app: { aesKeyStatus: 'not-set' } }],
  steps: [{ do: 'tap-authorize', choice: 'allow' }],
  expect: ({ requireSignature }) => expectedAnswer('40001-encrypt-key', { signed: false, requireSignature }),
});
