/** A root cause the run's pattern of verdicts (and its probes) points at, shown before the scenario list. */
export interface RootCause {
  /** stable id, e.g. `signature-unquoted` */
  cause: CauseId;
  /** one sentence naming the mistake, in the team's terms */
  title: string;
  /** the scenarios that show it (their ids) */
  evidence: string[];
  /** what to change */
  remedy: string;
  /** how alimock knows (probes sent, the doctor's check of the refused payloads) */
  detail?: string;
}

export const CAUSE_IDS = [
  'target-stopped-answering',
  'app-id-mismatch',
  'openapi-signature-invalid',
  'openapi-request-refused',
  'login-failed',
  'page-error',
  'no-phone-button',
  'phone-before-tap',
  'config-fault',
  'signature-unquoted',
  'wrong-alipay-public-key',
  'keys-mismatch-with-run',
  'genuine-signature-refused',
  'aes-key-mismatch',
  'signature-not-verified',
  'decrypt-before-verify',
  'signature-not-required',
  'unsigned-plaintext-trusted',
  'duplicate-key-confusion',
  'other-app-aes-key-accepted',
  'decrypted-code-ignored',
  'empty-mobile-accepted',
  'error-code-mapping',
  'crash-on-bad-input',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];
