/**
 * Test support: payloads a backend might receive, each built with the protocol core and the committed TEST-ONLY
 * keys, some deliberately made the wrong way (one mistake each).
 */
import { createCipheriv, createHash, type KeyObject } from 'node:crypto';
import type { KeyMaterial } from '../../../../mock-gateway/src/keys/key-material.js';
import { defaultKeysDir, loadKeyDir } from '../../../../mock-gateway/src/keys/load-keys.js';
import { aesEncrypt, aesEncryptWithKey } from '../../../../mock-gateway/src/protocol/aes.js';
import { assembleEnvelope, buildEnvelope } from '../../../../mock-gateway/src/protocol/envelope.js';
import { type OutcomeId, plaintextFor } from '../../../../mock-gateway/src/protocol/outcomes.js';
import { rsaSign, type SignType } from '../../../../mock-gateway/src/protocol/rsa.js';
import { type EnvelopeVariant, specFor } from '../../../../mock-gateway/src/protocol/variants.js';

export function testKeys(): KeyMaterial {
  const keys = loadKeyDir(defaultKeysDir());
  if (!keys.ok) throw new Error(keys.reason);
  return keys.value;
}

export const SUCCESS = plaintextFor('success');

export function mint(keys: KeyMaterial, outcome: OutcomeId = 'success', variant: EnvelopeVariant = 'default'): string {
  return buildEnvelope(specFor(outcome, variant), { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey });
}

/** A long-form encrypted envelope around `ciphertext`, signed over `signContent` with `signer`. */
export function envelopeAround(
  ciphertext: string,
  sign: { content: string; key: KeyObject; type: SignType; declared?: SignType } | undefined,
): string {
  const signature = sign ? rsaSign(sign.content, sign.key, sign.type) : undefined;
  return assembleEnvelope(
    JSON.stringify(ciphertext),
    { form: 'long', encrypt: true, signType: sign?.declared ?? sign?.type ?? 'RSA2' },
    signature,
  );
}

/** Encrypted with `encrypt`, signed the official way (quoted, RSA2) with the Alipay key. */
export function signedAround(keys: KeyMaterial, ciphertext: string): string {
  return envelopeAround(ciphertext, { content: `"${ciphertext}"`, key: keys.alipayPrivateKey, type: 'RSA2' });
}

export function ciphertextWithUtf8Key(keyText: string, plaintext = SUCCESS): string {
  return aesEncryptWithKey(plaintext, Buffer.from(keyText, 'utf8'));
}

/** CryptoJS.AES.encrypt(plaintext, passphrase): "Salted__" + salt + AES-256-CBC under EVP_BytesToKey(MD5). */
export function passphraseCiphertext(passphrase: string, plaintext = SUCCESS): string {
  const salt = Buffer.from('0123456789abcdef', 'hex');
  const pass = Buffer.from(passphrase, 'utf8');
  const d1 = createHash('md5')
    .update(Buffer.concat([pass, salt]))
    .digest();
  const d2 = createHash('md5')
    .update(Buffer.concat([d1, pass, salt]))
    .digest();
  const d3 = createHash('md5')
    .update(Buffer.concat([d2, pass, salt]))
    .digest();
  const key = Buffer.concat([d1, d2]);
  const cipher = createCipheriv('aes-256-cbc', key, d3);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from('Salted__'), salt, body]).toString('base64');
}

function aesCbc(keyBase64: string, iv: Buffer, plaintext: string): Buffer {
  const key = Buffer.from(keyBase64, 'base64');
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
}

const IV = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

export function ivPrependedCiphertext(keyBase64: string, plaintext = SUCCESS): string {
  return Buffer.concat([IV, aesCbc(keyBase64, IV, plaintext)]).toString('base64');
}

export function nonZeroIvCiphertext(keyBase64: string, plaintext = SUCCESS): string {
  return aesCbc(keyBase64, IV, plaintext).toString('base64');
}

export { aesEncrypt };
