/**
 * Test-only: what the mock gateway emits in each FAQ scenario (docs/scenarios.md and the defaults stated for
 * the examples), rebuilt with make-envelope.ts, plus the verdict rule (docs/contract.md). The examples' tests use it
 * to check each broken backend's `caughtBy` list exactly, without the real harness.
 */
import type { ErrorCode } from '../../reference-backend/src/errors.js';
import { breakPadding, type EnvelopeKeys, makeEnvelope, PLAINTEXTS } from './make-envelope.js';

export type Expectation = { accepted: true } | { rejected: readonly ErrorCode[] } | { noCall: true };

export interface FaqCase {
  id: string;
  /** The envelope the page forwards; undefined when no call reaches the backend. */
  envelope(keys: EnvelopeKeys, mobile: string): string | undefined;
  expect: Expectation;
}

const signedEncrypted = (plaintext: string) => (keys: EnvelopeKeys) => makeEnvelope(plaintext, keys);
const unsignedEncrypted = (plaintext: string) => (keys: EnvelopeKeys) =>
  makeEnvelope(plaintext, keys, { signed: false });
const unsignedPlainObject = (plaintext: string) => (keys: EnvelopeKeys) =>
  makeEnvelope(plaintext, keys, { signed: false, encrypted: false });

export const FAQ_CASES: readonly FaqCase[] = [
  { id: 'faq1-success', envelope: (k, m) => makeEnvelope(PLAINTEXTS.success(m), k), expect: { accepted: true } },
  { id: 'faq1-no-consent', envelope: signedEncrypted(PLAINTEXTS.invalidAuth), expect: { rejected: ['AUTH_REQUIRED'] } },
  { id: 'faq1-user-refuses', envelope: () => undefined, expect: { noCall: true } },
  {
    id: 'faq1-consent-expired',
    envelope: signedEncrypted(PLAINTEXTS.invalidAuth),
    expect: { rejected: ['AUTH_REQUIRED'] },
  },
  {
    id: 'faq2-isv-package-missing',
    envelope: signedEncrypted(PLAINTEXTS.isvPermission),
    expect: { rejected: ['ISV_PERMISSION_DENIED'] },
  },
  {
    id: 'faq2-isv-permission-pending',
    envelope: signedEncrypted(PLAINTEXTS.isvPermission),
    expect: { rejected: ['ISV_PERMISSION_DENIED'] },
  },
  { id: 'faq3-20000-busy', envelope: signedEncrypted(PLAINTEXTS.busy), expect: { rejected: ['ALIPAY_BUSY'] } },
  {
    id: 'faq3-40001-no-sign-type',
    envelope: unsignedEncrypted(PLAINTEXTS.missingSignType),
    expect: { rejected: ['ALIPAY_MISCONFIGURED', 'SIGNATURE_MISSING'] },
  },
  {
    id: 'faq3-40001-no-encrypt-key',
    envelope: unsignedPlainObject(PLAINTEXTS.missingEncryptKey),
    expect: { rejected: ['ALIPAY_MISCONFIGURED', 'SIGNATURE_MISSING'] },
  },
  {
    id: 'faq3-40002-encrypt-error',
    envelope: unsignedPlainObject(PLAINTEXTS.encryptError),
    expect: { rejected: ['ALIPAY_MISCONFIGURED', 'SIGNATURE_MISSING', 'DECRYPT_FAILED'] },
  },
  {
    id: 'faq3-40003-invalid-auth',
    envelope: signedEncrypted(PLAINTEXTS.invalidAuth),
    expect: { rejected: ['AUTH_REQUIRED'] },
  },
  {
    id: 'faq4-ciphertext-not-phone',
    envelope: (k, m) => makeEnvelope(PLAINTEXTS.success(m), k),
    expect: { accepted: true },
  },
  {
    id: 'faq4-empty-mobile',
    envelope: signedEncrypted(PLAINTEXTS.emptyMobile),
    expect: { rejected: ['NO_MOBILE_BOUND'] },
  },
  {
    id: 'faq5-missing-sign-no-public-key',
    envelope: (k, m) => unsignedEncrypted(PLAINTEXTS.success(m))(k),
    expect: { rejected: ['SIGNATURE_MISSING'] },
  },
  {
    id: 'faq5-missing-sign-no-aes-key',
    envelope: unsignedPlainObject(PLAINTEXTS.missingEncryptKey),
    expect: { rejected: ['SIGNATURE_MISSING', 'ALIPAY_MISCONFIGURED'] },
  },
  {
    id: 'faq5-missing-sign-no-gateway',
    envelope: (k, m) => unsignedEncrypted(PLAINTEXTS.success(m))(k),
    expect: { rejected: ['SIGNATURE_MISSING'] },
  },
];

export interface BackendAnswer {
  statusCode: number;
  body: string;
}

/** the verdict rule (docs/contract.md): does this answer pass the case? (`mobile` is the number the gateway issued.) */
export function judge(expect: Expectation, answer: BackendAnswer | undefined, mobile: string): boolean {
  if ('noCall' in expect) return answer === undefined;
  if (answer === undefined) return false;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return false;
  }
  const ok2xx = answer.statusCode >= 200 && answer.statusCode < 300;
  if ('accepted' in expect) {
    return ok2xx && typeof body === 'object' && body !== null && (body as { mobile?: unknown }).mobile === mobile;
  }
  if (ok2xx || answer.body.includes(mobile)) return false;
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' && (expect.rejected as readonly string[]).includes(code);
}

/**
 * Three security scenarios (scenarios/security/) simulated the same way: the payload and the verdict a correct
 * backend gets. sec-padding-oracle is reduced to its invalid-padding probe (the harness also compares it with
 * the valid-padding probe).
 */
export const SIMULATED_SECURITY_CASES: readonly FaqCase[] = [
  {
    id: 'sec-forged-plaintext-object',
    envelope: (k) => makeEnvelope(PLAINTEXTS.success('13111111111'), k, { signed: false, encrypted: false }),
    expect: { rejected: ['SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'BAD_REQUEST'] },
  },
  {
    id: 'sec-forged-plaintext-string',
    envelope: (k) =>
      makeEnvelope(PLAINTEXTS.success('13111111111'), k, { signed: false, encrypted: false, plainAs: 'string' }),
    expect: { rejected: ['SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'BAD_REQUEST'] },
  },
  {
    id: 'sec-padding-oracle',
    envelope: (k, m) => breakPadding(makeEnvelope(PLAINTEXTS.success(m), k)),
    expect: { rejected: ['SIGNATURE_INVALID'] },
  },
];
