/**
 * The envelope-level probes of the malformed-input scenarios (each envelope is one of the scenario's probes,
 * checked by a test): a correct backend answers each with a clean 4xx of the contract, never a 500.
 */
import { ATTACKER_MOBILE } from '../../../scenarios/security/attack-common.js';
import {
  secDeepNesting,
  secDuplicateKeys,
  secMalformedEnvelope,
  secProtoKeys,
} from '../../../scenarios/security/malformed.js';
import type { ScenarioDefinition } from '../scenario/types.js';
import type { VectorDefinition } from './vector-definition.js';

/** An envelope shaped like Alipay's with an unusual `response` (the sign is not a real signature). */
const envelopeWith = (response: unknown) =>
  JSON.stringify({ response, sign: 'c2lnbg==', sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' });

const MALFORMED_WHY =
  'Validate the shape before using it: the envelope is a JSON object whose response is a non-empty string (or an object) and whose sign is a string. Anything else is a 4xx of the contract, never a crash.';

function malformed(scenario: ScenarioDefinition, slug: string, title: string, envelope: string): VectorDefinition {
  return { id: `${scenario.id}-${slug}`, title, why: MALFORMED_WHY, expect: { scenario }, build: () => envelope };
}

export const malformedVectors: readonly VectorDefinition[] = [
  malformed(secMalformedEnvelope, 'not-json', 'the envelope is not JSON', 'not json at all'),
  malformed(secMalformedEnvelope, 'json-string', 'the envelope is a JSON string, not an object', '"just a string"'),
  malformed(secMalformedEnvelope, 'response-number', 'response is a number', envelopeWith(12345)),
  malformed(secMalformedEnvelope, 'response-array', 'response is an array', envelopeWith(['a', 'b'])),
  malformed(secMalformedEnvelope, 'response-null', 'response is null', envelopeWith(null)),
  malformed(secMalformedEnvelope, 'response-empty', 'response is an empty string', envelopeWith('')),
  malformed(secMalformedEnvelope, 'response-not-base64', 'response is not Base64', envelopeWith('***not base64***')),
  malformed(secMalformedEnvelope, 'sign-number', 'sign is a number', JSON.stringify({ response: 'YWJj', sign: 7 })),
  malformed(
    secProtoKeys,
    'envelope',
    'the envelope carries a "__proto__" member',
    '{"__proto__":{"sign":"x"},"response":"YWJj"}',
  ),
  malformed(
    secDeepNesting,
    'envelope',
    'response nested 10,000 arrays deep',
    `{"response":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  ),
  {
    id: `${secDuplicateKeys.id}-response`,
    title: 'two "response" members: a signed 40003 first, another member\'s signed success second',
    why: 'A backend that verifies the first "response" (found in the text) but decrypts the last (what most JSON parsers keep) accepts a number the signature never covered. Refuse duplicate members outright.',
    expect: { scenario: secDuplicateKeys },
    build(kit) {
      const genuine = kit.outcome('40003', 'standard');
      const other = JSON.parse(kit.outcome('success', 'standard', ATTACKER_MOBILE)) as { response: string };
      return genuine.replace(/}$/, `,"response":${JSON.stringify(other.response)}}`);
    },
  },
];
