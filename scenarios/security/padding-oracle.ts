import { defineScenario } from '../../harness/src/scenario/types.js';
import { ATTACK, FIX_VERIFY_FIRST } from './attack-common.js';

export const secPaddingOracle = defineScenario({
  id: 'sec-padding-oracle',
  group: 'security',
  severity: 'high',
  title: 'invalid signature: valid and invalid padding get the same answer',
  faq: `${ATTACK}: padding oracle`,
  cause: 'two payloads with an invalid signature: one whose ciphertext has valid padding, one with invalid padding',
  remedy: FIX_VERIFY_FIRST,
  explanation:
    'A backend that decrypts before it verifies answers differently for valid and invalid padding (DECRYPT_FAILED vs SIGNATURE_INVALID, or different statuses). That difference is a padding oracle: with enough requests an attacker decrypts any captured payload, phone number included.',
  given: [
    {
      rule: {
        action: { kind: 'tamper', tampering: 'bad-sign-valid-padding' },
        scope: { api: 'getPhoneNumber' },
        times: 1,
      },
    },
    {
      rule: {
        action: { kind: 'tamper', tampering: 'bad-sign-invalid-padding' },
        scope: { api: 'getPhoneNumber' },
        times: 1,
      },
    },
  ],
  steps: [{ do: 'call-get-phone-number' }, { do: 'call-get-phone-number' }],
  expect: { kind: 'same-answer', codes: ['SIGNATURE_INVALID'] },
});
