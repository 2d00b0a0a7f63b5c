/** The JSON Schema of vectors.json (written next to it as vectors.schema.json). Mirrors vector-types.ts. */
import { CONTRACT_CODES } from '../target/contract.js';

const BASE64 = '^[A-Za-z0-9+/]+={0,2}$';

export const VECTORS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:alimock:vectors-schema:1',
  title: 'alimock test vectors (vectors.json)',
  description:
    "Envelopes exactly as my.getPhoneNumber returns them (res.response), with the keys to check them and the answer a backend on alimock's default contract must give to each.",
  type: 'object',
  required: ['keys', 'vectors'],
  additionalProperties: false,
  properties: {
    keys: {
      type: 'object',
      required: ['alipayPublicKey', 'aesKey'],
      additionalProperties: false,
      properties: {
        alipayPublicKey: {
          type: 'string',
          pattern: BASE64,
          description: 'the Alipay public key: bare Base64 of the X.509 SubjectPublicKeyInfo, as the console shows it',
        },
        aesKey: { type: 'string', pattern: BASE64, description: "the app's AES key, Base64, as the console shows it" },
      },
    },
    vectors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'title', 'envelope', 'expect', 'why'],
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
            pattern: '^[a-z0-9][a-z0-9-]*$',
            description: "stable; a scenario id when it is that scenario's payload",
          },
          title: { type: 'string', minLength: 1 },
          envelope: {
            type: 'string',
            description: 'the string my.getPhoneNumber returns, forwarded unchanged as encryptedData',
          },
          expect: {
            oneOf: [
              {
                type: 'object',
                required: ['verdict', 'mobile'],
                additionalProperties: false,
                properties: { verdict: { const: 'accepted' }, mobile: { type: 'string', minLength: 1 } },
              },
              {
                type: 'object',
                required: ['verdict', 'codes'],
                additionalProperties: false,
                properties: {
                  verdict: { const: 'rejected' },
                  codes: {
                    type: 'array',
                    minItems: 1,
                    uniqueItems: true,
                    items: { enum: [...CONTRACT_CODES] },
                    description: 'any one of these error codes is a correct answer',
                  },
                },
              },
            ],
          },
          why: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;
