/**
 * The shapes the pipeline's steps exchange. Each step is a plain function; `pipeline.ts` composes them and
 * `buildReferenceBackend({ steps })` lets a caller replace any one of them (that is how broken backends are made).
 */
import type { KeyObject } from 'node:crypto';
import type { ErrorCode } from './errors.js';

export type SignType = 'RSA2' | 'RSA';

/** What the page forwarded (`res.response`), parsed. */
export interface Envelope {
  /** The `response` value as text: the Base64 ciphertext, a plain JSON string, or the raw JSON text of a nested object. */
  content: string;
  /** The official rule: encrypted ⇔ `response` is a string that does not start with `{`. */
  encrypted: boolean;
  /** Exactly what Alipay signed: `"` + ciphertext + `"` when encrypted, else the raw JSON text of `response`. */
  signContent: string;
  /** `undefined` when the envelope carries no `sign` at all. */
  sign: string | undefined;
  signType: SignType;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  /** Safe to return to the client: static text, never the phone number. */
  reason: string;
}

export type ParseResult = { ok: true; envelope: Envelope } | Failure;
/** `verified: false` means "no signature and the policy allows that"; a bad signature is a Failure. */
export type VerifyResult = { ok: true; verified: boolean } | Failure;
export type DecryptResult = { ok: true; plaintext: string } | Failure;
export type Outcome = { ok: true; mobile: string } | Failure;

/** Keys and policy, decoded once when the app is built. */
export interface StepContext {
  alipayPublicKey: KeyObject;
  /** The decoded AES key (16, 24 or 32 bytes). */
  aesKey: Buffer;
  /** The AES key exactly as configured (Base64 text, as Alipay's console shows it). */
  aesKeyText: string;
  /** The app's own public key, if configured. The reference never uses it (see broken-backends/app-public-key). */
  appPublicKey: KeyObject | undefined;
  requireSignature: boolean;
}

export interface PipelineSteps {
  /** encryptedData (the envelope JSON text) → Envelope. Failures: BAD_REQUEST. */
  parse(encryptedData: string): ParseResult;
  /** Signature check and the missing-`sign` policy. Failures: SIGNATURE_MISSING, SIGNATURE_INVALID. */
  verify(envelope: Envelope, ctx: StepContext): VerifyResult;
  /** Ciphertext → UTF-8 plaintext; plain content passes through. Failures: DECRYPT_FAILED. */
  decrypt(envelope: Envelope, ctx: StepContext): DecryptResult;
  /** Plaintext JSON → the contract outcome. */
  interpret(plaintext: string): Outcome;
}
