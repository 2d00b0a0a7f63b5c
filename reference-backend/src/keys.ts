/**
 * Key material as Alipay's console shows it: public keys as bare Base64 SPKI (or PEM), the AES key as Base64.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type KeyResult<T> = { ok: true; key: T } | { ok: false; reason: string };

/** Strict Base64: the standard alphabet, whole quanta, correct padding; nothing else (no spaces, no `*`). */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Drops blank lines and `#` comment lines, trims the rest. */
function keyText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .join('\n');
}

/** An RSA public key from PEM (SPKI or PKCS#1) or bare Base64 DER (SPKI, or PKCS#1 as a fallback). */
export function parsePublicKey(text: string): KeyResult<KeyObject> {
  const cleaned = keyText(text);
  let key: KeyObject | undefined;
  const pem = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/.exec(cleaned)?.[0];
  try {
    if (pem !== undefined) {
      key = createPublicKey({ key: pem, format: 'pem' });
    } else {
      const base64 = cleaned.replace(/\s+/g, '');
      if (!BASE64.test(base64) || base64 === '') return { ok: false, reason: 'public key is neither PEM nor Base64' };
      const der = Buffer.from(base64, 'base64');
      try {
        key = createPublicKey({ key: der, format: 'der', type: 'spki' });
      } catch {
        key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
      }
    }
  } catch {
    return { ok: false, reason: 'public key could not be parsed (expected X.509 SubjectPublicKeyInfo)' };
  }
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'public key is not an RSA key' };
  return { ok: true, key };
}

/** The AES key: strict Base64 of 16, 24 or 32 bytes. */
export function parseAesKey(text: string): KeyResult<Buffer> {
  const base64 = keyText(text).replace(/\s+/g, '');
  if (base64 === '' || !BASE64.test(base64)) return { ok: false, reason: 'AES key is not Base64' };
  const key = Buffer.from(base64, 'base64');
  if (![16, 24, 32].includes(key.length)) {
    return { ok: false, reason: `AES key decodes to ${key.length} bytes (16, 24 or 32 expected)` };
  }
  return { ok: true, key };
}

export interface KeyTexts {
  alipayPublicKey: string;
  aesKey: string;
  /** Optional: only broken-backends/app-public-key uses it. */
  appPublicKey?: string;
}

export type LoadKeysResult = { ok: true; keys: KeyTexts } | { ok: false; reason: string };

function readFirst(dir: string, names: string[]): string | undefined {
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  return undefined;
}

/**
 * Reads `alipay-public.txt` (or `.pem`), `aes.txt` and, if present, `app-public.txt` (or `.pem`) from `dir`
 * (the keys folder). A value given in `overrides` wins and its file is not needed.
 */
export function loadKeys(dir: string, overrides: Partial<KeyTexts> = {}): LoadKeysResult {
  const alipayPublicKey = overrides.alipayPublicKey ?? readFirst(dir, ['alipay-public.txt', 'alipay-public.pem']);
  if (alipayPublicKey === undefined)
    return { ok: false, reason: `no alipay-public.txt or alipay-public.pem in ${dir}` };
  const aesKey = overrides.aesKey ?? readFirst(dir, ['aes.txt']);
  if (aesKey === undefined) return { ok: false, reason: `no aes.txt in ${dir}` };
  const appPublicKey = overrides.appPublicKey ?? readFirst(dir, ['app-public.txt', 'app-public.pem']);
  const keys: KeyTexts = { alipayPublicKey, aesKey: keyText(aesKey) };
  if (appPublicKey !== undefined) keys.appPublicKey = appPublicKey;
  return { ok: true, keys };
}
