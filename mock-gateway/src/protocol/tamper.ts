import { createHash, type KeyObject } from 'node:crypto';
import { aesDecrypt, aesEncrypt } from './aes.js';
import { assembleEnvelope, buildEnvelope, type EnvelopeSpec } from './envelope.js';
import { rsaSign } from './rsa.js';

/**
 * Deliberate tamperings, for security scenarios: each yields an envelope a correct backend must reject.
 * - `strip-sign`: a valid ciphertext with `sign` (and `sign_type`) removed
 * - `foreign-key-sign`: signed with an RSA key that is not Alipay's
 * - `sign-unquoted`: signed over the bare ciphertext (without the surrounding quotes)
 * - `flip-bit`: one bit of the ciphertext flipped, original `sign` kept
 * - `truncate`: the ciphertext cut by one block, original `sign` kept
 * - `wrong-aes-key`: encrypted with another app's AES key, correctly signed
 * - `forged-plaintext-string`: unsigned `{"response":"{\"code\":\"10000\",…}"}`
 * - `forged-plaintext-object`: unsigned `{"response":{"code":"10000",…}}`
 * - `bad-sign-valid-padding` / `bad-sign-invalid-padding`: a padding-oracle probe pair, both with an invalid signature
 */
export const TAMPERINGS = [
  'strip-sign',
  'foreign-key-sign',
  'sign-unquoted',
  'flip-bit',
  'truncate',
  'wrong-aes-key',
  'forged-plaintext-string',
  'forged-plaintext-object',
  'bad-sign-valid-padding',
  'bad-sign-invalid-padding',
] as const;
export type Tampering = (typeof TAMPERINGS)[number];

export function isTampering(value: unknown): value is Tampering {
  return typeof value === 'string' && (TAMPERINGS as readonly string[]).includes(value);
}

export interface TamperKeys {
  aesKey: string;
  alipayPrivateKey: KeyObject;
  /** a key that is not Alipay's (for `foreign-key-sign`) */
  foreignPrivateKey: KeyObject;
  /** another app's AES key (for `wrong-aes-key`) */
  foreignAesKey: string;
}

/**
 * "Another app's" AES key, derived from this app's key: deterministic, so that a broken ISV backend holding several
 * apps' keys (examples/broken-backends/isv-any-app-key) can be shown to fall for `wrong-aes-key`.
 */
export function foreignAesKeyFor(aesKeyBase64: string): string {
  return createHash('sha256').update(`alimock-foreign-app:${aesKeyBase64}`).digest().subarray(0, 16).toString('base64');
}

function flipBit(ciphertextB64: string, byteIndex: number): string {
  const buf = Buffer.from(ciphertextB64, 'base64');
  const i = Math.min(Math.max(byteIndex, 0), buf.length - 1);
  buf[i] = (buf[i] as number) ^ 0x01;
  return buf.toString('base64');
}

/** Builds a tampered envelope from an honest spec (encrypt/sign flags of the spec are overridden as needed). */
export function buildTampered(kind: Tampering, spec: EnvelopeSpec, keys: TamperKeys): string {
  const honest: EnvelopeSpec = { ...spec, encrypt: true, sign: true };
  const ciphertext = aesEncrypt(spec.plaintext, keys.aesKey);
  const quoted = `"${ciphertext}"`;
  const validSign = rsaSign(quoted, keys.alipayPrivateKey, spec.signType);
  switch (kind) {
    case 'strip-sign':
      return assembleEnvelope(JSON.stringify(ciphertext), honest, undefined);
    case 'foreign-key-sign':
      return assembleEnvelope(
        JSON.stringify(ciphertext),
        honest,
        rsaSign(quoted, keys.foreignPrivateKey, spec.signType),
      );
    case 'sign-unquoted':
      return assembleEnvelope(
        JSON.stringify(ciphertext),
        honest,
        rsaSign(ciphertext, keys.alipayPrivateKey, spec.signType),
      );
    case 'flip-bit': {
      // flip a bit in the first block: the last block (padding) stays valid, the plaintext changes
      return assembleEnvelope(JSON.stringify(flipBit(ciphertext, 3)), honest, validSign);
    }
    case 'truncate': {
      const buf = Buffer.from(ciphertext, 'base64');
      const cut = buf.subarray(0, Math.max(16, buf.length - 16)).toString('base64');
      return assembleEnvelope(JSON.stringify(cut), honest, validSign);
    }
    case 'wrong-aes-key':
      return buildEnvelope(honest, { aesKey: keys.foreignAesKey, alipayPrivateKey: keys.alipayPrivateKey });
    case 'forged-plaintext-string':
      return assembleEnvelope(JSON.stringify(spec.plaintext), { ...honest, encrypt: false }, undefined);
    case 'forged-plaintext-object':
      return assembleEnvelope(spec.plaintext, { ...honest, encrypt: false }, undefined);
    case 'bad-sign-valid-padding': {
      // valid ciphertext (valid padding), signature over something else
      const wrongSign = rsaSign(`"${ciphertext}x"`, keys.alipayPrivateKey, spec.signType);
      return assembleEnvelope(JSON.stringify(ciphertext), honest, wrongSign);
    }
    case 'bad-sign-invalid-padding': {
      const wrongSign = rsaSign(`"${ciphertext}x"`, keys.alipayPrivateKey, spec.signType);
      return assembleEnvelope(JSON.stringify(invalidPadding(ciphertext, keys.aesKey)), honest, wrongSign);
    }
  }
}

/** Changes the second-to-last block until the last block's padding no longer decrypts. Deterministic. */
function invalidPadding(ciphertextB64: string, aesKey: string): string {
  const buf = Buffer.from(ciphertextB64, 'base64');
  const target = buf.length >= 32 ? buf.length - 17 : buf.length - 1;
  for (let delta = 1; delta < 256; delta++) {
    const copy = Buffer.from(buf);
    copy[target] = (copy[target] as number) ^ delta;
    const candidate = copy.toString('base64');
    const d = aesDecrypt(candidate, aesKey);
    if (!d.ok && d.reason === 'bad-padding') return candidate;
  }
  throw new Error('invalidPadding: no invalid padding found (unreachable for AES-CBC)');
}
