/**
 * What `diagnose` returns: the official server algorithm (PROTOCOL §3 step 4) walked step by step, each step with a
 * status, a message saying what was found and, when something is wrong, the fix. `finding` names the exact
 * mistake in a stable, machine-readable way (tests and `--json` consumers match on it).
 */
import type { OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import type { ContractCode } from '../target/contract.js';

export type StepStatus = 'ok' | 'fail' | 'warn' | 'skip';

/** The steps, in the order the official algorithm runs them. A step name may appear more than once. */
export type StepName = 'input' | 'envelope' | 'sign' | 'keys' | 'verify' | 'decrypt' | 'plaintext';

export type Finding =
  // input
  | 'envelope-given'
  | 'empty-input'
  | 'not-json'
  | 'ciphertext-only'
  | 'wrapped-body'
  | 'wrapped-object'
  | 'double-encoded'
  | 'whole-res-object'
  | 'event-detail'
  | 'url-encoded'
  // envelope
  | 'envelope-shape'
  | 'envelope-invalid'
  | 'plus-became-space'
  | 'unusual-envelope'
  | 'plain-unsigned'
  // sign
  | 'sign-present'
  | 'missing-sign'
  // keys
  | 'key-ok'
  | 'no-alipay-public-key'
  | 'bad-public-key'
  | 'private-key-given'
  | 'app-key-as-alipay-key'
  | 'bad-app-public-key'
  // verify
  | 'verified'
  | 'reserialise-changes-bytes'
  | 'bad-sign-type'
  | 'sign-not-base64'
  | 'unquoted-signature'
  | 'sign-type-mismatch'
  | 'reserialised-json'
  | 'signed-with-app-key'
  | 'content-altered'
  | 'wrong-public-key'
  // decrypt
  | 'decrypted'
  | 'not-encrypted'
  | 'no-aes-key'
  | 'aes-key-not-base64'
  | 'aes-key-length'
  | 'aes-key-utf8'
  | 'passphrase-mode'
  | 'iv-prepended'
  | 'nonzero-iv'
  | 'ciphertext-not-base64'
  | 'ciphertext-truncated'
  | 'ciphertext-altered'
  | 'wrong-aes-key'
  | 'not-utf8'
  // plaintext
  | 'success'
  | 'empty-mobile'
  | 'alipay-error'
  | 'unknown-code'
  | 'plaintext-not-json'
  | 'plaintext-not-object';

export interface DiagnosisStep {
  step: StepName;
  status: StepStatus;
  /** the exact mistake or result, stable across versions */
  finding: Finding;
  /** what was found, in one or two sentences */
  message: string;
  /** what to change, when something is wrong */
  fix?: string;
}

/** The contract codes of DESIGN §5 (defined with the contract). */
export type { ContractCode } from '../target/contract.js';

/** What a correct backend answers for this payload (DESIGN §5, `requireSignature` true). */
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
  /** the FAQ's wording, cause and remedy (from OUTCOMES) */
  title?: string;
  cause?: string;
  remedy?: string;
  /** the mobile with its middle masked (138****8000), success only */
  maskedMobile?: string;
}

export interface Diagnosis {
  /**
   * true iff the payload is one a correct backend accepts: it verifies with the given Alipay public key, decrypts
   * with the given AES key (when encrypted), and carries code 10000 with a non-empty mobile. A key not given means
   * that check did not run, so `ok` is false (a `skip` step says what to pass).
   */
  ok: boolean;
  steps: DiagnosisStep[];
  /** the decrypted (or plain) plaintext, exactly — unmasked */
  plaintext?: string;
  outcome?: DiagnosedOutcome;
  /** what a backend following DESIGN §5 should answer */
  answer?: BackendAnswer;
}

export interface DiagnoseInput {
  /** the payload as the backend received it: `res.response`, a `{"encryptedData":…}` body, … */
  envelope: string;
  /** the Alipay public key (支付宝公钥): bare Base64 or PEM, SPKI or PKCS#1, or the certificate PEM */
  alipayPublicKey?: string;
  /** the AES key as the console shows it (Base64) */
  aesKey?: string;
  /** the app's own public key (应用公钥), to detect it being used in place of Alipay's */
  appPublicKey?: string;
}
