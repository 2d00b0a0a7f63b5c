import type { Minter } from '../../harness/src/scenario/minter.js';
import { defineScenario, type RawBody, type ScenarioDefinition, type Step } from '../../harness/src/scenario/types.js';
import { ATTACK, REJECT_MALFORMED } from './attack-common.js';

/** A raw body (probes of the request body itself), or an envelope sent the way the page sends `res.response`. */
type Probe =
  | { label: string; body: RawBody; contentType?: string }
  | { label: string; envelope: string | ((mint: Minter) => string) };

const FIX =
  'Validate before use: the body must be JSON, encryptedData a string holding a JSON object whose response is a non-empty string (or an object) and sign a string. Answer 400 BAD_REQUEST with the contract body for anything else, cap the body size, and never let a parse error become a 500.';

function malformed(
  id: string,
  title: string,
  cause: string,
  probes: Probe[],
  severity: ScenarioDefinition['severity'] = 'medium',
) {
  const steps: Step[] = probes.map((p) =>
    'envelope' in p
      ? { do: 'post-envelope', label: p.label, envelope: p.envelope }
      : { do: 'post-raw', label: p.label, body: p.body, ...(p.contentType ? { contentType: p.contentType } : {}) },
  );
  return defineScenario({
    id,
    group: 'security',
    severity,
    title,
    faq: `${ATTACK}: malformed requests`,
    cause,
    remedy: FIX,
    explanation:
      'A backend that crashes (HTTP 500, a reset, a hang) on malformed input can be taken down by anyone, leaks stack traces, and often hides a parsing bug an attacker can steer. Each request must get a clean 4xx and the backend must stay healthy.',
    given: [],
    steps,
    // any refusal counts (a team's API may answer its own code, even with HTTP 200): never a 5xx, never accepted
    expect: { kind: 'rejected', codes: REJECT_MALFORMED, anyCode: true },
    judgeEach: true,
    checks: ['status-4xx', 'backend-healthy'],
  });
}

const wrap = (encryptedData: unknown) => JSON.stringify({ encryptedData });

/** A text built on first use and kept (the large probes: not at import, and not again for every run in a process). */
function once(build: () => string): () => string {
  let built: string | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
const envelopeWith = (response: unknown) =>
  JSON.stringify({ response, sign: 'c2lnbg==', sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' });

export const secMalformedBody = malformed(
  'sec-malformed-body',
  'a body that is not JSON is rejected cleanly',
  'bodies that are not JSON: text, truncated JSON, empty, invalid UTF-8',
  [
    { label: 'body is plain text', body: 'hello', contentType: 'application/json' },
    { label: 'body is truncated JSON', body: '{"encryptedData":"{\\"response\\"', contentType: 'application/json' },
    { label: 'body is empty', body: '', contentType: 'application/json' },
    {
      label: 'body is invalid UTF-8',
      body: new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    },
    { label: 'body is a JSON array', body: '[1,2,3]' },
  ],
);

export const secMalformedEncryptedData = malformed(
  'sec-malformed-encrypted-data',
  'encryptedData of the wrong type is rejected cleanly',
  'encryptedData missing, a number, an object, null, an array',
  [
    { label: 'encryptedData missing', body: '{}' },
    { label: 'encryptedData is a number', body: wrap(42) },
    { label: 'encryptedData is an object', body: wrap({ response: 'x' }) },
    { label: 'encryptedData is null', body: wrap(null) },
    { label: 'encryptedData is an array', body: wrap(['a']) },
  ],
);

export const secMalformedEnvelope = malformed(
  'sec-malformed-envelope',
  'an envelope that is not what Alipay sends is rejected cleanly',
  'the envelope is not JSON, or its response is a number, an array, null, empty, or not Base64',
  [
    { label: 'envelope is not JSON', envelope: 'not json at all' },
    { label: 'envelope is a JSON string', envelope: '"just a string"' },
    { label: 'response is a number', envelope: envelopeWith(12345) },
    { label: 'response is an array', envelope: envelopeWith(['a', 'b']) },
    { label: 'response is null', envelope: envelopeWith(null) },
    { label: 'response is empty', envelope: envelopeWith('') },
    { label: 'response is not Base64', envelope: envelopeWith('***not base64***') },
    { label: 'sign is a number', envelope: JSON.stringify({ response: 'YWJj', sign: 7 }) },
  ],
);

export const secHugeBody = malformed(
  'sec-huge-body',
  'a 5 MB body is rejected without harm',
  'a 5 MB encryptedData string',
  // built when first sent, not when the suite is imported (every run and test process imports it)
  [{ label: 'a 5 MB body', body: once(() => wrap('A'.repeat(5 * 1024 * 1024))) }],
  'medium',
);

export const secDeepNesting = malformed(
  'sec-deep-nesting',
  'deeply nested JSON is rejected cleanly',
  'JSON nested 100,000 levels deep, in the body and inside the envelope',
  [
    { label: 'body nested 100,000 levels', body: once(() => `${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
    {
      label: 'envelope nested 10,000 levels',
      envelope: once(() => `{"response":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    },
  ],
);

export const secProtoKeys = malformed(
  'sec-proto-keys',
  '__proto__ and constructor keys do not pollute or crash',
  'bodies and envelopes carrying __proto__ / constructor.prototype keys',
  [
    { label: 'body with __proto__', body: '{"__proto__":{"polluted":true},"encryptedData":"{}"}' },
    {
      label: 'body with constructor.prototype',
      body: '{"constructor":{"prototype":{"polluted":true}},"encryptedData":"{}"}',
    },
    { label: 'envelope with __proto__', envelope: '{"__proto__":{"sign":"x"},"response":"YWJj"}' },
  ],
);

/**
 * Duplicate keys: whichever duplicate a backend's JSON parser keeps (JSON.parse keeps the last; others keep the
 * first), it is secure when it verifies and uses the same value. Both probes carry a signed genuine 40003 first: a
 * backend that keeps it answers AUTH_REQUIRED (it verified and used the signed value), one that refuses duplicates
 * answers a 4xx; only a backend that uses the unverified second value (and accepts 13000000000) fails.
 */
export const secDuplicateKeys = defineScenario({
  ...malformed(
    'sec-duplicate-keys',
    'duplicate keys cannot smuggle an unverified response',
    'a signed genuine envelope (40003) with a second "response" key appended, and a body with two encryptedData keys (the genuine envelope first, a forged one second)',
    [
      {
        label: 'two "response" keys (signed first, forged second)',
        envelope: (mint) => {
          const genuine = mint.envelope({ outcome: '40003' });
          const forged = JSON.parse(mint.envelope({ mobile: '13000000000' })) as { response: string };
          return genuine.replace(/}$/, `,"response":${JSON.stringify(forged.response)}}`);
        },
      },
      {
        label: 'two "encryptedData" keys',
        body: (mint) =>
          `{"encryptedData":${JSON.stringify(mint.envelope({ outcome: '40003' }))},"encryptedData":${JSON.stringify(mint.envelope({ tamper: 'forged-plaintext-object', mobile: '13000000000' }))}}`,
      },
    ],
    'high',
  ),
  // the signed value is a 40003: a backend that kept and verified it answers AUTH_REQUIRED, which is secure
  expect: { kind: 'rejected', codes: [...REJECT_MALFORMED, 'AUTH_REQUIRED'], anyCode: true },
  explanation:
    'A JSON parser keeps either the first or the last of duplicate keys. A backend is safe when it verifies and uses the same value (the signed first one here: a 40003 → AUTH_REQUIRED), or refuses duplicates; it is broken when it verifies one and uses the other, so that an unverified value (a number chosen by the attacker) gets through.',
});
