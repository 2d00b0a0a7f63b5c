/**
 * Step "decrypt": key = Base64-decode(console key) (16/24/32 bytes), AES-CBC, IV = 16 zero bytes, PKCS#7.
 * When that fails, the doctor tries the usual mistakes on the ciphertext and
 * reports the one that matches: the key's UTF-8 bytes, OpenSSL/CryptoJS passphrase mode ("Salted__"), an IV
 * prepended to the ciphertext or a non-zero IV; otherwise a wrong key or an altered ciphertext.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import type { ParsedEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import { normaliseBase64 } from '../../../mock-gateway/src/protocol/keys.js';
import type { SignatureCheck } from './check-signature.js';
import type { DiagnosisStep, Finding } from './types.js';

export interface DecryptionCheck {
  /** the plaintext, when some key/IV decrypted the ciphertext (even through a mistake, for diagnosis) */
  plaintext?: string;
  steps: DiagnosisStep[];
}

const ZERO_IV = Buffer.alloc(16, 0);
const VALID = new Set([16, 24, 32]);
const SALTED = Buffer.from('Salted__', 'latin1');

const RECIPE =
  "key = Base64-decode(the console's AES key) (Node: Buffer.from(key, 'base64'); Java: Base64.decodeBase64(key)), " +
  'AES-CBC, IV = 16 zero bytes, PKCS#5/7 padding';

function decryptRaw(key: Buffer, iv: Buffer, data: Buffer, autoPadding = true): Buffer | undefined {
  if (!VALID.has(key.length)) return undefined;
  try {
    const d = createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
    d.setAutoPadding(autoPadding);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    return undefined;
  }
}

function utf8(buf: Buffer | undefined): string | undefined {
  if (!buf) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function jsonObject(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** OpenSSL EVP_BytesToKey with MD5, one iteration: what CryptoJS.AES.encrypt(text, "passphrase") uses. */
function evpBytesToKey(pass: Buffer, salt: Buffer): { key: Buffer; iv: Buffer } {
  let block = Buffer.alloc(0);
  let out = Buffer.alloc(0);
  while (out.length < 48) {
    block = createHash('md5')
      .update(Buffer.concat([block, pass, salt]))
      .digest();
    out = Buffer.concat([out, block]);
  }
  return { key: out.subarray(0, 32), iv: out.subarray(32, 48) };
}

function step(status: DiagnosisStep['status'], finding: Finding, message: string, fix?: string): DiagnosisStep {
  return { step: 'decrypt', status, finding, message, ...(fix !== undefined ? { fix } : {}) };
}

function one(s: DiagnosisStep, plaintext?: string): DecryptionCheck {
  return { steps: [s], ...(plaintext !== undefined ? { plaintext } : {}) };
}

/** The key fits: AES-CBC with a zero IV and PKCS#7 gave UTF-8 (the plaintext step judges the text). */
function decrypted(key: Buffer, bytes: Buffer | undefined, plaintext: string | undefined): DecryptionCheck {
  return one(
    step(
      'ok',
      'decrypted',
      `decrypted: AES-${key.length * 8}-CBC, zero IV, PKCS#7 — ${bytes?.length ?? 0} bytes of UTF-8`,
    ),
    plaintext,
  );
}

function passphraseMode(data: Buffer, keyText: string): DecryptionCheck {
  const { key, iv } = evpBytesToKey(Buffer.from(keyText, 'utf8'), data.subarray(8, 16));
  const text = utf8(decryptRaw(key, iv, data.subarray(16)));
  const confirmed = jsonObject(text);
  return one(
    step(
      'fail',
      'passphrase-mode',
      'the ciphertext starts with "Salted__": it was encrypted in OpenSSL/CryptoJS passphrase mode (CryptoJS.AES.encrypt(text, "key string")), ' +
        'which derives key and IV from a passphrase and a random salt — Alipay uses the raw key and a zero IV' +
        (confirmed ? '; it does decrypt with your key text as the passphrase' : ''),
      `give CryptoJS a WordArray key and IV, not a string: CryptoJS.enc.Base64.parse(key), iv = CryptoJS.enc.Hex.parse("0".repeat(32)); the recipe is ${RECIPE}`,
    ),
    confirmed ? text : undefined,
  );
}

/** Decrypted with a zero IV: the first block is garbage but the rest reads as the tail of a JSON text. */
function looksLikeNonZeroIv(key: Buffer, data: Buffer): boolean {
  if (data.length < 32) return false;
  const raw = decryptRaw(key, ZERO_IV, data, false);
  if (!raw) return false;
  const pad = raw[raw.length - 1] ?? 0;
  if (pad < 1 || pad > 16 || !raw.subarray(raw.length - pad).every((b) => b === pad)) return false;
  const tail = raw.subarray(16, raw.length - pad).toString('utf8');
  // a multi-byte character may straddle the block boundary: allow replacement characters at the very start only
  return tail.endsWith('}') && !tail.slice(3).includes('\uFFFD') && /"/.test(tail);
}

function notBase64Ciphertext(content: string): DecryptionCheck {
  const how = /%[0-9A-Fa-f]{2}/.test(content)
    ? ': it is URL-encoded (%2B, %2F, %3D…) — decode it once'
    : /[-_]/.test(content)
      ? ': it looks URL-safe Base64 (- and _)'
      : '';
  return one(
    step(
      'fail',
      'ciphertext-not-base64',
      `response is not Base64${how}`,
      'forward res.response byte for byte; a correct backend answers DECRYPT_FAILED or SIGNATURE_INVALID',
    ),
  );
}

export function checkDecryption(
  env: ParsedEnvelope,
  aesKey: string | undefined,
  signature: SignatureCheck,
): DecryptionCheck {
  if (!env.encrypted) {
    return one(step('skip', 'not-encrypted', 'not encrypted: the plaintext is response itself'), env.content);
  }
  if (aesKey === undefined || aesKey.trim() === '') {
    return one(
      step(
        'skip',
        'no-aes-key',
        'no AES key given: the ciphertext cannot be decrypted',
        "pass --aes-key with the console's AES key (接口内容加密方式, Base64)",
      ),
    );
  }
  const b64 = normaliseBase64(env.content);
  if (!b64) return notBase64Ciphertext(env.content);
  const data = Buffer.from(b64, 'base64');
  const keyText = aesKey.trim();
  if (data.subarray(0, 8).equals(SALTED)) return passphraseMode(data, keyText);
  if (data.length === 0 || data.length % 16 !== 0) {
    return one(
      step(
        'fail',
        'ciphertext-truncated',
        `the ciphertext is ${data.length} bytes, not a multiple of the 16-byte AES block: truncated or altered`,
        'forward res.response byte for byte',
      ),
    );
  }
  const keyB64 = normaliseBase64(keyText);
  const key = keyB64 ? Buffer.from(keyB64, 'base64') : undefined;
  const keyUsable = key !== undefined && VALID.has(key.length);
  const mainBytes = keyUsable ? decryptRaw(key, ZERO_IV, data) : undefined;
  const main = utf8(mainBytes);
  if (keyUsable && jsonObject(main)) {
    return decrypted(key, mainBytes, main);
  }
  // the signature already showed the bytes changed after signing: no IV/key guess would be meaningful
  if (signature.finding === 'content-altered') {
    return one(
      step(
        'fail',
        'ciphertext-altered',
        'decryption fails, and the signature showed the ciphertext was altered after signing: the payload was tampered with or damaged on the way',
        'forward res.response byte for byte',
      ),
    );
  }
  const utf8Key = Buffer.from(keyText, 'utf8');
  if (VALID.has(utf8Key.length) && !(key && utf8Key.equals(key))) {
    const text = utf8(decryptRaw(utf8Key, ZERO_IV, data));
    if (jsonObject(text)) {
      return one(
        step(
          'fail',
          'aes-key-utf8',
          `the ciphertext decrypts with the UTF-8 bytes of the key text (${utf8Key.length} bytes, AES-${utf8Key.length * 8}), not with its Base64 decoding: the key was used as text instead of Base64`,
          `${RECIPE}; Buffer.from(key) / key.getBytes() takes the key's characters, not the key`,
        ),
        text,
      );
    }
  }
  if (keyUsable && data.length >= 32) {
    const text = utf8(decryptRaw(key, data.subarray(0, 16), data.subarray(16)));
    if (jsonObject(text)) {
      return one(
        step(
          'fail',
          'iv-prepended',
          'the ciphertext decrypts once its first 16 bytes are taken as the IV: an IV was prepended to it; Alipay uses a zero IV and sends the bare ciphertext',
          RECIPE,
        ),
        text,
      );
    }
    if (looksLikeNonZeroIv(key, data)) {
      return one(
        step(
          'fail',
          'nonzero-iv',
          'only the first 16 bytes decrypt to garbage, the rest reads as JSON: the ciphertext was made with a non-zero IV (random or derived); Alipay uses 16 zero bytes',
          RECIPE,
        ),
      );
    }
  }
  if (!key) {
    return one(
      step(
        'fail',
        'aes-key-not-base64',
        "the AES key is not Base64: the console's key is 24 Base64 characters ending in == (AES-128)",
        `${RECIPE}; the key's UTF-8 bytes are not the key`,
      ),
    );
  }
  if (!keyUsable) {
    const asText = VALID.has(utf8Key.length)
      ? ` Read as UTF-8 text it would be ${utf8Key.length} bytes — but treating the key as text is a mistake too, and it does not decrypt this payload either.`
      : '';
    return one(
      step(
        'fail',
        'aes-key-length',
        `the AES key decodes to ${key.length} bytes: an AES key is 16, 24 or 32 bytes (the console's AES-128 key is 24 Base64 characters ending in ==).${asText}`,
        `copy the AES key (接口内容加密方式) again; ${RECIPE}`,
      ),
    );
  }
  if (main !== undefined) {
    // valid padding and valid UTF-8: the key fits; the plaintext step says what is wrong with the text
    return decrypted(key, mainBytes, main);
  }
  if (mainBytes !== undefined) {
    const gbk = gbkText(mainBytes);
    if (jsonObject(gbk)) {
      return one(
        step(
          'fail',
          'not-utf8',
          'the plaintext is GBK-encoded, not UTF-8: Alipay encrypts the UTF-8 bytes of the JSON (charset UTF-8)',
          'encrypt and decrypt UTF-8 text',
        ),
        gbk,
      );
    }
  }
  const because = signature.verified
    ? "the ciphertext is authentic (the signature verifies), so the AES key is wrong: not the key of the app this payload was made for (an ISV serving several apps: another app's key)"
    : 'the AES key is wrong, or the ciphertext was altered (the signature did not vouch for it)';
  const symptom =
    mainBytes === undefined ? 'the PKCS#7 padding is invalid after decryption' : 'the decrypted bytes are not UTF-8';
  return one(
    step(
      'fail',
      'wrong-aes-key',
      `${symptom}: ${because}`,
      `copy the AES key (接口内容加密方式) of this appId again; ${RECIPE}`,
    ),
  );
}

function gbkText(buf: Buffer): string | undefined {
  try {
    return new TextDecoder('gbk', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}
