import { defineScenario } from '../../harness/src/scenario/types.js';
import { expectedAnswer } from '../../harness/src/target/answers.js';
import { FAQ, REMEDY } from './faq-questions.js';

export const faq1ConsentExpired = defineScenario({
  id: 'faq1-consent-expired',
  group: 'faq',
  title: 'consent given, then expired → 40003',
  faq: FAQ.q1,
  cause: 'the member consented an hour ago with a 30-minute lifetime; the page calls my.getPhoneNumber again',
  remedy: REMEDY.auth,
  given: [{ consent: 'allow', ttlMs: 30 * 60_000 }],
  steps: [{ do: 'advance-clock', ms: 60 * 60_000 }, { do: 'call-get-phone-number' }],
  expect: ({ requireSignature }) => expectedAnswer('40003', { signed: true, requireSignature }),
});
