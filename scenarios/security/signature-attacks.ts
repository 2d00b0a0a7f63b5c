import { defineScenario, type ScenarioDefinition } from '../../harness/src/scenario/types.js';
import type { Tampering } from '../../mock-gateway/src/protocol/index.js';
import { ATTACK, FIX_VERIFY_FIRST } from './attack-common.js';

function tampered(
  id: string,
  tampering: Tampering,
  o: Pick<ScenarioDefinition, 'title' | 'cause' | 'explanation' | 'severity' | 'expect'> & { name: string },
): ScenarioDefinition {
  return defineScenario({
    id,
    group: 'security',
    severity: o.severity ?? 'high',
    title: o.title,
    faq: `${ATTACK}: ${o.name}`,
    cause: o.cause,
    remedy: FIX_VERIFY_FIRST,
    ...(o.explanation ? { explanation: o.explanation } : {}),
    given: [{ rule: { action: { kind: 'tamper', tampering }, scope: { api: 'getPhoneNumber' } } }],
    steps: [{ do: 'tap-authorize', choice: 'allow' }],
    expect: o.expect,
  });
}

export const secSignStripped = tampered('sec-sign-stripped', 'strip-sign', {
  name: 'sign stripped',
  severity: 'critical',
  title: 'a valid ciphertext with sign stripped is refused',
  cause: 'an attacker removes sign (and sign_type) from a genuine envelope',
  explanation:
    'Without sign the ciphertext is unauthenticated: AES-CBC with a fixed zero IV is malleable, so an attacker who can flip bits can change the plaintext. While requireSignature is on, a missing sign must be refused.',
  expect: ({ requireSignature }) =>
    requireSignature ? { kind: 'rejected', codes: ['SIGNATURE_MISSING'] } : { kind: 'accepted', mobile: 'issued' },
});

export const secForeignKeySign = tampered('sec-foreign-key-sign', 'foreign-key-sign', {
  name: 'signature by a foreign key',
  severity: 'critical',
  title: 'a signature made with a foreign RSA key is refused',
  cause: "the envelope is signed with an RSA key that is not Alipay's",
  explanation:
    'Anyone can make an RSA key. A backend that checks only that sign is present, or verifies with a key it took from the request, accepts forgeries.',
  expect: { kind: 'rejected', codes: ['SIGNATURE_INVALID'] },
});

export const secSignUnquoted = tampered('sec-sign-unquoted', 'sign-unquoted', {
  name: 'signature over the unquoted ciphertext',
  severity: 'medium',
  title: 'a signature over the bare ciphertext (no quotes) is refused',
  cause: 'the envelope is signed over the ciphertext without the surrounding double quotes',
  explanation:
    'Alipay signs "\\"" + ciphertext + "\\"". A backend that verifies without the quotes rejects every genuine payload and accepts payloads signed the wrong way: it is not verifying what Alipay signs.',
  expect: { kind: 'rejected', codes: ['SIGNATURE_INVALID'] },
});

export const secTamperedBitflip = tampered('sec-tampered-bitflip', 'flip-bit', {
  name: 'tampered ciphertext (bit flip)',
  title: 'a ciphertext with a flipped bit, original sign kept, is refused',
  cause: 'one bit of the ciphertext is flipped; the original sign is kept',
  explanation: 'CBC bit flips change the decrypted plaintext predictably. Only the signature detects them.',
  expect: { kind: 'rejected', codes: ['SIGNATURE_INVALID'] },
});

export const secTamperedTruncated = tampered('sec-tampered-truncated', 'truncate', {
  name: 'tampered ciphertext (truncated)',
  title: 'a truncated ciphertext, original sign kept, is refused',
  cause: 'the ciphertext is cut by one block; the original sign is kept',
  explanation: 'Truncation must be caught by the signature, before decryption is attempted.',
  expect: { kind: 'rejected', codes: ['SIGNATURE_INVALID'] },
});

export const secOtherAppAesKey = tampered('sec-other-app-aes-key', 'wrong-aes-key', {
  name: "another app's AES key",
  title: "a payload encrypted with another app's AES key (correctly signed) is not accepted",
  cause: "the envelope is encrypted with another app's AES key and correctly signed by Alipay",
  explanation:
    "An ISV serving several apps must decrypt with the AES key of the app the request is for. A backend that tries every app's key until one works accepts a payload meant for another app (and another app's user).",
  expect: { kind: 'rejected', codes: ['DECRYPT_FAILED'] },
});
