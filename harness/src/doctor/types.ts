/**
 * What `diagnose` returns: the server-side check of a `my.getPhoneNumber` payload (find the envelope, verify the
 * signature over the quoted ciphertext, decrypt with the AES key, read the code) walked step by step, each step with
 * a status, a message saying what was found and, when something is wrong, the fix. `finding` names the exact result
 * or mistake in a stable, machine-readable way: tests, `--json` consumers and run reports match on it.
 * docs/doctor.md explains every finding.
 */
import type { OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import type { ContractCode } from '../target/contract.js';

export type StepStatus = 'ok' | 'fail' | 'warn' | 'skip';

/** The steps, in the order a backend runs them. A step name may appear more than once. */
export type StepName = 'input' | 'envelope' | 'sign' | 'keys' | 'verify' | 'decrypt' | 'plaintext';

/**
 * Every finding the doctor can report, grouped by the step that reports it. Names are stable across versions
 * (new ones may be added); match on them rather than on messages.
 */
export const FINDINGS = [
  // input
  'envelope-given',
  'empty-input',
  'not-json',
  'ciphertext-only',
  'field-taken',
  'field-missing',
  'wrapped-body',
  'wrapped-object',
  'double-encoded',
  'percent-encoded',
  'whole-res-object',
  'event-detail',
  'url-encoded',
  // envelope
  'envelope-shape',
  'envelope-invalid',
  'plus-became-space',
  'unusual-envelope',
  'plain-unsigned',
  // sign
  'sign-present',
  'missing-sign',
  // keys
  'key-ok',
  'no-alipay-public-key',
  'bad-public-key',
  'private-key-given',
  'app-key-as-alipay-key',
  'bad-app-public-key',
  // verify
  'verified',
  'reserialise-changes-bytes',
  'bad-sign-type',
  'sign-not-base64',
  'unquoted-signature',
  'sign-type-mismatch',
  'reserialised-json',
  'signed-with-app-key',
  'content-altered',
  'wrong-public-key',
  // decrypt
  'decrypted',
  'not-encrypted',
  'no-aes-key',
  'aes-key-not-base64',
  'aes-key-length',
  'aes-key-utf8',
  'passphrase-mode',
  'iv-prepended',
  'nonzero-iv',
  'ciphertext-not-base64',
  'ciphertext-truncated',
  'ciphertext-altered',
  'wrong-aes-key',
  'not-utf8',
  // plaintext
  'success',
  'empty-mobile',
  'alipay-error',
  'unknown-code',
  'plaintext-not-json',
  'plaintext-not-object',
] as const;

/** The name of one result or mistake (see `FINDINGS`). */
export type Finding = (typeof FINDINGS)[number];

/**
 * Findings that mean the payload was damaged on its way to the backend (a `+` turned into a space, URL-encoding left
 * in, JSON-encoded twice). The doctor repairs the damage to go on checking, but each is a failed step: a backend
 * receives the damaged bytes and rejects them.
 */
export const TRANSIT_DAMAGE = [
  'plus-became-space',
  'percent-encoded',
  'double-encoded',
] as const satisfies readonly Finding[];
export type TransitDamage = (typeof TRANSIT_DAMAGE)[number];

export interface DiagnosisStep {
  step: StepName;
  status: StepStatus;
  /** the exact mistake or result, stable across versions */
  finding: Finding;
  /** what was found, in one or two sentences (values from the payload are shortened and made printable) */
  message: string;
  /** what to change, when something is wrong */
  fix?: string;
}

/** The error codes of the default contract (see README, "Point it at your own backend"). */
export type { ContractCode } from '../target/contract.js';

/** What a correct backend (one following the default contract, signature required) answers for this payload. */
export type BackendAnswer =
  | { accepted: true; http: 200; mobile: string }
  | { accepted: false; http: number; code: ContractCode; also?: ContractCode[] };

export interface DiagnosedOutcome {
  /** the outcome catalogue's id, when the code is one `my.getPhoneNumber` can carry */
  id?: OutcomeId;
  code: string;
  msg?: string;
  subCode?: string;
  subMsg?: string;
  /** the FAQ's wording, cause and remedy, when the outcome is one the catalogue knows */
  title?: string;
  cause?: string;
  remedy?: string;
  /** the mobile with its middle masked (138****8000), success only */
  maskedMobile?: string;
}

/** The payload reached the backend damaged; the doctor repaired it to go on checking. */
export interface TransitDamageReport {
  /** what was repaired, in the order found */
  findings: TransitDamage[];
  /** after the repair the payload verifies, decrypts and carries a mobile: only the transport is wrong */
  fineAfterRepair: boolean;
}

export interface Diagnosis {
  /**
   * true iff the payload is one a correct backend accepts: it arrived undamaged, verifies with the given Alipay
   * public key, decrypts with the given AES key (when encrypted), and carries code 10000 with a non-empty mobile. A
   * key not given means that check did not run, so `ok` is false (a `skip` step says what to pass).
   */
  ok: boolean;
  steps: DiagnosisStep[];
  /** the findings of the failed steps, each once, in step order: what to match on (`problems.includes('unquoted-signature')`) */
  problems: Finding[];
  /** present when the payload was damaged in transit and repaired for the diagnosis */
  damage?: TransitDamageReport;
  /** the decrypted (or plain) plaintext, exactly — unmasked */
  plaintext?: string;
  outcome?: DiagnosedOutcome;
  /** what a correct backend answers for the bytes it received */
  answer?: BackendAnswer;
}

/** The keys a backend holds, as text: each as the console shows it, PEM, or (public key) the certificate PEM. */
export interface DiagnoseKeys {
  /** the Alipay public key (支付宝公钥): bare Base64 or PEM, SPKI or PKCS#1, or the certificate PEM */
  alipayPublicKey?: string;
  /** the AES key as the console shows it (Base64) */
  aesKey?: string;
  /** the app's own public key (应用公钥), to detect it being used in place of Alipay's */
  appPublicKey?: string;
}

export interface DiagnoseOptions extends DiagnoseKeys {
  /**
   * The payload is a request body (JSON or form-urlencoded): take it from this member. A string is a member name or
   * a dot path (`data.encrypted`, also tried as a literal name and as the form name `data[encrypted]`); an array is
   * the exact path. Without it the doctor recognises the usual carriers itself.
   */
  field?: string | readonly string[];
}

export interface DiagnoseInput extends DiagnoseOptions {
  /** the payload as the backend received it: `res.response`, a `{"encryptedData":…}` body, … */
  envelope: string;
}
