import { defineScenario } from '../../harness/src/scenario/types.js';
import { ATTACK, ATTACKER_MOBILE, FIX_VERIFY_FIRST, REFUSE_UNVERIFIED } from './attack-common.js';

const explanation =
  'The official sample branches on response.startsWith("{") and treats such content as plain JSON, and the FAQ says a missing sign can happen. A backend that follows both trusts an unsigned plaintext — so anyone can post {"code":"10000","mobile":"<any number>"} and bind any phone number to their account.';

export const secForgedPlaintextString = defineScenario({
  id: 'sec-forged-plaintext-string',
  group: 'security',
  severity: 'critical',
  title: 'forged unsigned plaintext as a "{…}" string is refused',
  faq: `${ATTACK}: forged plaintext (string)`,
  cause: `the page forwards {"response":"{\\"code\\":\\"10000\\",…,\\"mobile\\":\\"${ATTACKER_MOBILE}\\"}"} with no sign`,
  remedy: FIX_VERIFY_FIRST,
  explanation,
  given: [
    { member: { mobile: ATTACKER_MOBILE } },
    { consent: 'allow' },
    { rule: { action: { kind: 'tamper', tampering: 'forged-plaintext-string' }, scope: { api: 'getPhoneNumber' } } },
  ],
  steps: [{ do: 'call-get-phone-number' }],
  // refused is what matters: a plain object is also how a real 40001 arrives, so ALIPAY_MISCONFIGURED is safe too
  expect: { kind: 'rejected', codes: REFUSE_UNVERIFIED, anyCode: true },
});

export const secForgedPlaintextObject = defineScenario({
  id: 'sec-forged-plaintext-object',
  group: 'security',
  severity: 'critical',
  title: 'forged unsigned plaintext as a nested object is refused',
  faq: `${ATTACK}: forged plaintext (object)`,
  cause: `the page forwards {"response":{"code":"10000",…,"mobile":"${ATTACKER_MOBILE}"}} with no sign`,
  remedy: FIX_VERIFY_FIRST,
  explanation,
  given: [
    { member: { mobile: ATTACKER_MOBILE } },
    { consent: 'allow' },
    { rule: { action: { kind: 'tamper', tampering: 'forged-plaintext-object' }, scope: { api: 'getPhoneNumber' } } },
  ],
  steps: [{ do: 'call-get-phone-number' }],
  // refused is what matters: a plain object is also how a real 40001 arrives, so ALIPAY_MISCONFIGURED is safe too
  expect: { kind: 'rejected', codes: REFUSE_UNVERIFIED, anyCode: true },
});
