import { createSign, createVerify, sign as cryptoSign, type KeyObject } from 'node:crypto';

export type SignType = 'RSA2' | 'RSA';

export const SIGN_ALGORITHMS: Record<SignType, string> = { RSA2: 'RSA-SHA256', RSA: 'RSA-SHA1' };

export function isSignType(value: unknown): value is SignType {
  return value === 'RSA2' || value === 'RSA';
}

/** RSA PKCS#1 v1.5 over the UTF-8 bytes of `content`; Base64 result. Deterministic. */
export function rsaSign(content: string, privateKey: KeyObject, signType: SignType = 'RSA2'): string {
  return createSign(SIGN_ALGORITHMS[signType]).update(content, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(
  content: string,
  signBase64: string,
  publicKey: KeyObject,
  signType: SignType = 'RSA2',
): boolean {
  try {
    return createVerify(SIGN_ALGORITHMS[signType]).update(content, 'utf8').verify(publicKey, signBase64, 'base64');
  } catch {
    return false;
  }
}

const DIGESTS: Record<SignType, string> = { RSA2: 'sha256', RSA: 'sha1' };

/**
 * The same signature as `rsaSign`, computed on libuv's thread pool so that signing many unique envelopes does not
 * serialise on the event loop.
 */
export function rsaSignAsync(content: string, privateKey: KeyObject, signType: SignType = 'RSA2'): Promise<string> {
  return new Promise((resolve, reject) => {
    cryptoSign(DIGESTS[signType], Buffer.from(content, 'utf8'), privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(signature.toString('base64'));
    });
  });
}
