import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from './result.js';

/** Where a key came from, so diagnostics can say which format was recognised. */
export type KeyFormat =
  | 'spki-pem'
  | 'pkcs1-pem'
  | 'pkcs8-pem'
  | 'spki-base64'
  | 'pkcs1-base64'
  | 'pkcs8-base64'
  | 'x509-pem';

export interface ParsedKey {
  key: KeyObject;
  format: KeyFormat;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/** Strips whitespace; returns null when the text is not Base64. */
export function normaliseBase64(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64_RE.test(compact)) return null;
  return compact;
}

function tryKey<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

function rsaOnly(key: KeyObject, format: KeyFormat): Result<ParsedKey> {
  if (key.asymmetricKeyType !== 'rsa') return err(`expected an RSA key, got ${key.asymmetricKeyType}`);
  return ok({ key, format });
}

/**
 * Parses an RSA public key as the console shows it (bare Base64 SubjectPublicKeyInfo), as PEM
 * (`PUBLIC KEY`, `RSA PUBLIC KEY`) or as an X.509 certificate PEM.
 */
export function parsePublicKey(text: string): Result<ParsedKey> {
  const pem = PEM_RE.exec(text);
  if (pem) {
    const label = pem[1];
    // createPublicKey derives a public key from a private one: refuse that instead of accepting it silently
    if (label?.includes('PRIVATE KEY')) return err(`this is a private key (${label} PEM), not a public key`);
    const key = tryKey(() => createPublicKey(text));
    if (!key) return err(`the ${label} PEM block could not be parsed as an RSA public key`);
    if (key.asymmetricKeyType !== 'rsa') return err(`expected an RSA key, got ${key.asymmetricKeyType}`);
    const format: KeyFormat =
      label === 'RSA PUBLIC KEY' ? 'pkcs1-pem' : label === 'CERTIFICATE' ? 'x509-pem' : 'spki-pem';
    return ok({ key, format });
  }
  const b64 = normaliseBase64(text);
  if (!b64) return err('not PEM and not Base64: paste the key as the console shows it (bare Base64) or as PEM');
  const der = Buffer.from(b64, 'base64');
  // checked first: createPublicKey would derive a public key from private-key DER and accept it silently
  if (tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))) {
    return err('this is a private key (PKCS#8), not a public key');
  }
  if (tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }))) {
    return err('this is a private key (PKCS#1), not a public key');
  }
  const spki = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
  if (spki) return rsaOnly(spki, 'spki-base64');
  const pkcs1 = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }));
  if (pkcs1) return rsaOnly(pkcs1, 'pkcs1-base64');
  return err('Base64 text that is neither an X.509 SubjectPublicKeyInfo nor a PKCS#1 RSA public key');
}

/** Parses an RSA private key: PEM (PKCS#1 or PKCS#8) or bare Base64 (PKCS#8 as Java uses it, or PKCS#1 as the Node SDK). */
export function parsePrivateKey(text: string): Result<ParsedKey> {
  const pem = PEM_RE.exec(text);
  if (pem) {
    const key = tryKey(() => createPrivateKey(text));
    if (!key) return err(`the ${pem[1]} PEM block could not be parsed as a private key`);
    if (key.asymmetricKeyType !== 'rsa') return err(`expected an RSA key, got ${key.asymmetricKeyType}`);
    return ok({ key, format: pem[1] === 'RSA PRIVATE KEY' ? 'pkcs1-pem' : 'pkcs8-pem' });
  }
  const b64 = normaliseBase64(text);
  if (!b64) return err('not PEM and not Base64: give the private key as PEM or bare Base64');
  const der = Buffer.from(b64, 'base64');
  const pkcs8 = tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  if (pkcs8) return rsaOnly(pkcs8, 'pkcs8-base64');
  const pkcs1 = tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
  if (pkcs1) return rsaOnly(pkcs1, 'pkcs1-base64');
  return err('Base64 text that is neither a PKCS#8 nor a PKCS#1 RSA private key');
}

/** The public key as Alipay's console shows it: bare Base64 of the SPKI DER. */
export function publicKeyToBase64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function publicKeyToPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

/** Same key material? Compares SPKI DER bytes. */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const da = a.type === 'private' ? createPublicKey(a) : a;
  const db = b.type === 'private' ? createPublicKey(b) : b;
  return publicKeyToBase64(da) === publicKeyToBase64(db);
}
