import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq1NoConsent = defineScenario({
  id: 'faq1-no-consent',
  group: 'faq',
  title: 'my.getPhoneNumber without a tap → 40003 无效的授权关系',
  faq: FAQ.q1,
  cause:
    'the page calls my.getPhoneNumber directly; the member never tapped the getAuthorize button (the call succeeds on the client, the 40003 is inside the ciphertext)',
  remedy: REMEDY.button,
  given: [{ consent: 'none' }],
  steps: [{ do: 'call-get-phone-number' }],
  expect: ({ requireSignature }) => expectedAnswer('40003', { signed: true, requireSignature }),
});
