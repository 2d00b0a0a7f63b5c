import type { KeyObject } from 'node:crypto';
import { aesDecrypt, aesEncrypt } from './aes.js';
import { rawMember } from './json-scan.js';
import { err, ok, type Result } from './result.js';
import { isSignType, rsaSign, rsaSignAsync, rsaVerify, type SignType } from './rsa.js';

/**
 * How the envelope (`res.response`) is shaped:
 * - `long`: `{"response":…,"sign":…,"sign_type":…,"encrypt_type":"AES","charset":"UTF-8"}` (what apps get)
 * - `short`: `{"response":…,"sign":…}` (third-party / ISV template apps)
 */
export type EnvelopeForm = 'long' | 'short';

export interface EnvelopeSpec {
  /** the exact plaintext JSON text */
  plaintext: string;
  /** AES-encrypt the plaintext (a Base64 string in `response`) or embed it as a nested object */
  encrypt: boolean;
  /** add `sign` (and, in long form, `sign_type`) */
  sign: boolean;
  form: EnvelopeForm;
  signType: SignType;
}

export interface EnvelopeKeys {
  /** Base64 AES key (needed when encrypting) */
  aesKey?: string;
  /** the mock Alipay's private key (needed when signing) */
  alipayPrivateKey?: KeyObject;
}

/** What gets signed: the quoted ciphertext, or the raw JSON text of a plain response. */
export function signContentFor(responseRaw: string, encrypted: boolean): string {
  return encrypted ? `"${responseRaw}"` : responseRaw;
}

/** The response member's JSON text and the content to sign, for a spec. */
function envelopeParts(spec: EnvelopeSpec, keys: EnvelopeKeys): { responseJson: string; signContent: string } {
  if (!spec.encrypt) return { responseJson: spec.plaintext, signContent: signContentFor(spec.plaintext, false) };
  if (!keys.aesKey) throw new Error('buildEnvelope: encrypt requires an AES key');
  const ciphertext = aesEncrypt(spec.plaintext, keys.aesKey);
  return { responseJson: JSON.stringify(ciphertext), signContent: signContentFor(ciphertext, true) };
}

function signingKey(keys: EnvelopeKeys): KeyObject {
  if (!keys.alipayPrivateKey) throw new Error('buildEnvelope: sign requires the Alipay private key');
  return keys.alipayPrivateKey;
}

/** Builds the envelope string exactly as `my.getPhoneNumber`'s success receives it. Deterministic. */
export function buildEnvelope(spec: EnvelopeSpec, keys: EnvelopeKeys): string {
  const { responseJson, signContent } = envelopeParts(spec, keys);
  return assembleEnvelope(
    responseJson,
    spec,
    spec.sign ? rsaSign(signContent, signingKey(keys), spec.signType) : undefined,
  );
}

/** `buildEnvelope`, signing on the thread pool: the same bytes, without blocking the event loop. */
export async function buildEnvelopeAsync(spec: EnvelopeSpec, keys: EnvelopeKeys): Promise<string> {
  const { responseJson, signContent } = envelopeParts(spec, keys);
  const sign = spec.sign ? await rsaSignAsync(signContent, signingKey(keys), spec.signType) : undefined;
  return assembleEnvelope(responseJson, spec, sign);
}

/** Puts the pieces together in the stable key order of docs/protocol.md. `responseJson` is raw JSON text. */
export function assembleEnvelope(
  responseJson: string,
  spec: Pick<EnvelopeSpec, 'form' | 'signType' | 'encrypt'>,
  sign: string | undefined,
): string {
  const parts = [`"response":${responseJson}`];
  if (sign !== undefined) parts.push(`"sign":${JSON.stringify(sign)}`);
  if (spec.form === 'long') {
    if (sign !== undefined) parts.push(`"sign_type":"${spec.signType}"`);
    if (spec.encrypt) parts.push('"encrypt_type":"AES"');
    parts.push('"charset":"UTF-8"');
  }
  return `{${parts.join(',')}}`;
}

export interface ParsedEnvelope {
  /** the exact raw text of `response`'s value as it stands in the envelope */
  responseRaw: string;
  /** the ciphertext when encrypted; the raw JSON text of the nested plaintext otherwise */
  content: string;
  encrypted: boolean;
  sign?: string;
  signType?: string;
  encryptType?: string;
  charset?: string;
  form: EnvelopeForm | 'other';
}

export type EnvelopeParseError =
  | 'not-json'
  | 'not-an-object'
  | 'no-response'
  | 'response-wrong-type'
  | 'response-empty'
  | 'sign-wrong-type';

/**
 * Parses an envelope as the official server sample does: `content = response`; encrypted ⇔ the content does not
 * start with `{`. A `response` holding a JSON string that starts with `{` counts as plain (the sample's branch).
 */
export function parseEnvelope(text: string): Result<ParsedEnvelope, EnvelopeParseError> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return err('not-json');
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return err('not-an-object');
  const env = obj as Record<string, unknown>;
  if (!('response' in env)) return err('no-response');
  const span = rawMember(text, 'response');
  if (!span) return err('no-response');
  const response = env.response;
  let content: string;
  let encrypted: boolean;
  if (typeof response === 'string') {
    if (response.length === 0) return err('response-empty');
    content = response;
    encrypted = !response.startsWith('{');
  } else if (response !== null && typeof response === 'object' && !Array.isArray(response)) {
    content = span.text;
    encrypted = false;
  } else {
    return err('response-wrong-type');
  }
  if (env.sign !== undefined && typeof env.sign !== 'string') return err('sign-wrong-type');
  const keys = Object.keys(env);
  const form: ParsedEnvelope['form'] =
    keys.length === 2 && keys[0] === 'response' && keys[1] === 'sign'
      ? 'short'
      : keys[0] === 'response' && keys.includes('charset')
        ? 'long'
        : 'other';
  return ok({
    responseRaw: span.text,
    content,
    encrypted,
    ...(typeof env.sign === 'string' ? { sign: env.sign } : {}),
    ...(typeof env.sign_type === 'string' ? { signType: env.sign_type } : {}),
    ...(typeof env.encrypt_type === 'string' ? { encryptType: env.encrypt_type } : {}),
    ...(typeof env.charset === 'string' ? { charset: env.charset } : {}),
    form,
  });
}

export type VerifyError = 'no-sign' | 'bad-sign-type' | 'mismatch';

/** Verifies `sign` the official way: over `"` + ciphertext + `"` (or the raw plain JSON). */
export function verifyEnvelope(env: ParsedEnvelope, alipayPublicKey: KeyObject): Result<SignType, VerifyError> {
  if (env.sign === undefined) return err('no-sign');
  const signType = env.signType ?? 'RSA2';
  if (!isSignType(signType)) return err('bad-sign-type');
  return rsaVerify(signContentFor(env.content, env.encrypted), env.sign, alipayPublicKey, signType)
    ? ok(signType)
    : err('mismatch');
}

export type OpenError =
  | { step: 'parse'; reason: EnvelopeParseError }
  | { step: 'verify'; reason: VerifyError }
  | { step: 'decrypt'; reason: string }
  | { step: 'plaintext'; reason: 'not-json' | 'not-an-object' };

export interface OpenedEnvelope {
  envelope: ParsedEnvelope;
  plaintext: string;
  data: Record<string, unknown>;
  verified: boolean;
}

/**
 * The official server algorithm (docs/protocol.md, "What is signed"): parse, verify (when a public key is given and a sign is
 * present, or `requireSignature`), and only then decrypt. Used for evidence, by `doctor` and by tests.
 */
export function openEnvelope(
  text: string,
  keys: { alipayPublicKey?: KeyObject; aesKey?: string },
  options: { requireSignature?: boolean } = {},
): Result<OpenedEnvelope, OpenError> {
  const parsed = parseEnvelope(text);
  if (!parsed.ok) return err({ step: 'parse', reason: parsed.reason });
  const env = parsed.value;
  let verified = false;
  if (keys.alipayPublicKey && (env.sign !== undefined || options.requireSignature)) {
    const v = verifyEnvelope(env, keys.alipayPublicKey);
    if (!v.ok) return err({ step: 'verify', reason: v.reason });
    verified = true;
  }
  let plaintext = env.content;
  if (env.encrypted) {
    if (!keys.aesKey) return err({ step: 'decrypt', reason: 'no-aes-key' });
    const d = aesDecrypt(env.content, keys.aesKey);
    if (!d.ok) return err({ step: 'decrypt', reason: d.reason });
    plaintext = d.value;
  }
  let data: unknown;
  try {
    data = JSON.parse(plaintext);
  } catch {
    return err({ step: 'plaintext', reason: 'not-json' });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return err({ step: 'plaintext', reason: 'not-an-object' });
  return ok({ envelope: env, plaintext, data: data as Record<string, unknown>, verified });
}
