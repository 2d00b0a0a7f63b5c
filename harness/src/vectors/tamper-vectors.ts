/**
 * The security scenarios that fit a single payload, built with the same tampering the scenario asks the gateway
 * for (read from its `tamper` rule) and judged by the same expectation.
 */
import { ATTACKER_MOBILE } from '../../../scenarios/security/attack-common.js';
import { secForgedPlaintextObject, secForgedPlaintextString } from '../../../scenarios/security/forged-plaintext.js';
import { secPaddingOracle } from '../../../scenarios/security/padding-oracle.js';
import {
  secForeignKeySign,
  secOtherAppAesKey,
  secSignStripped,
  secSignUnquoted,
  secTamperedBitflip,
  secTamperedTruncated,
} from '../../../scenarios/security/signature-attacks.js';
import type { ScenarioDefinition } from '../scenario/types.js';
import { tamperingOf, type VectorDefinition } from './vector-definition.js';
import { editEnvelope } from './vector-kit.js';

function tampered(scenario: ScenarioDefinition, why: string, mobile?: string): VectorDefinition {
  const tampering = tamperingOf(scenario);
  return {
    id: scenario.id,
    title: scenario.title,
    why,
    expect: { scenario },
    build: (kit) => kit.tampered(tampering, mobile),
  };
}

export const tamperVectors: readonly VectorDefinition[] = [
  tampered(
    secForgedPlaintextString,
    'Anyone can write {"response":"{\\"code\\":\\"10000\\",…,\\"mobile\\":…}"}. The sample\'s startsWith("{") branch would read it as plain JSON; without a sign nothing vouches for it.',
    ATTACKER_MOBILE,
  ),
  tampered(
    secForgedPlaintextObject,
    'The same forgery as a nested object. An unsigned plaintext may report an error at most, never a phone number.',
    ATTACKER_MOBILE,
  ),
  {
    id: secSignStripped.id,
    title: 'a genuine ciphertext with sign removed (sign_type left in place)',
    why: 'An attacker deletes sign and keeps everything else. A backend that decides whether to verify by looking at sign_type, or that tolerates a missing sign, decrypts an unauthenticated ciphertext. Required signature: SIGNATURE_MISSING.',
    expect: { scenario: secSignStripped },
    build: (kit) =>
      editEnvelope(kit.outcome('success', 'standard'), (members) => {
        delete members.sign;
      }),
  },
  tampered(
    secForeignKeySign,
    "Signed over the right bytes by a stranger's RSA key. Anyone can make a key pair: verify with the Alipay public key from your configuration, never with a key taken from the request, and never just check that sign is present.",
  ),
  tampered(
    secSignUnquoted,
    'Signed over the bare ciphertext, without the surrounding quotes. Alipay signs the quoted value: a backend that verifies the unquoted text accepts this and rejects every genuine payload.',
  ),
  tampered(
    secTamperedBitflip,
    'One bit of the first ciphertext block flipped, original sign kept. CBC decrypts it to a changed plaintext with valid padding: only the signature notices.',
  ),
  tampered(
    secTamperedTruncated,
    'The ciphertext cut by one block, original sign kept. Must fail at the signature, before any decryption is tried.',
  ),
  tampered(
    secOtherAppAesKey,
    "Correctly signed by Alipay but encrypted with another app's AES key. Decrypt with the key of the app the request is for and report the failure (DECRYPT_FAILED); never fall back to other keys, and never accept garbage from a decrypt that does not check its padding.",
  ),
  {
    id: 'sec-padding-oracle-valid-padding',
    title: 'invalid signature, ciphertext with valid padding',
    why: 'A valid ciphertext (valid padding) with a signature over other bytes. With its twin below it must get exactly the same answer: SIGNATURE_INVALID, decided before decrypting.',
    expect: { scenario: secPaddingOracle },
    build: (kit) => kit.tampered('bad-sign-valid-padding'),
  },
  {
    id: 'sec-padding-oracle-invalid-padding',
    title: 'invalid signature, ciphertext with invalid padding',
    why: 'The twin of sec-padding-oracle-valid-padding, with broken padding. A backend that decrypts first answers DECRYPT_FAILED here and SIGNATURE_INVALID there: a padding oracle.',
    expect: { scenario: secPaddingOracle },
    build: (kit) => kit.tampered('bad-sign-invalid-padding'),
  },
];
