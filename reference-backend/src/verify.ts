/**
 * Step 2: the signature, checked BEFORE anything is decrypted (docs/protocol.md, "What is signed").
 * `sign` = Base64(PKCS#1 v1.5 signature by Alipay's private key) over the UTF-8 bytes of `signContent`
 * (`"` + ciphertext + `"` when encrypted). RSA2 = SHA256withRSA, RSA = SHA1withRSA.
 */
import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { BASE64 } from './keys.js';
import type { Envelope, StepContext, VerifyResult } from './types.js';

const HASH = { RSA2: 'sha256', RSA: 'sha1' } as const;

/**
 * True iff `signature` (Base64) is a valid signature of `content` by the holder of `publicKey`. The Base64 is read
 * strictly: a lenient decoder would skip characters outside the alphabet and still verify.
 */
export function checkSignature(
  content: string,
  signature: string,
  publicKey: KeyObject,
  signType: Envelope['signType'],
) {
  if (!BASE64.test(signature)) return false;
  try {
    return cryptoVerify(HASH[signType], Buffer.from(content, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The missing-`sign` policy plus the check itself, with an explicit key (so a test can show the wrong key fails). */
export function verifyEnvelopeWith(envelope: Envelope, publicKey: KeyObject, requireSignature: boolean): VerifyResult {
  if (envelope.sign === undefined) {
    if (requireSignature) {
      return {
        ok: false,
        code: 'SIGNATURE_MISSING',
        reason: 'the payload has no sign: set the Alipay public key, the AES key and the app gateway in the console',
      };
    }
    return { ok: true, verified: false };
  }
  if (!checkSignature(envelope.signContent, envelope.sign, publicKey, envelope.signType)) {
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'the signature does not verify with the Alipay public key' };
  }
  return { ok: true, verified: true };
}

export function verifyEnvelope(envelope: Envelope, ctx: StepContext): VerifyResult {
  return verifyEnvelopeWith(envelope, ctx.alipayPublicKey, ctx.requireSignature);
}
