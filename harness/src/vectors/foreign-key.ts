/**
 * A stranger's RSA private key for the foreign-key vector: derived from a fixed seed (node-forge's key generation
 * with a seeded PRNG), so vector files stay byte-identical. It is neither Alipay's key nor the app's. 1024 bits keep
 * the derivation fast; to a verifier holding Alipay's key any other key's signature is simply invalid.
 */
import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const SEED = 'alimock-vectors-foreign-key-v1';
let cached: KeyObject | undefined;

/** Deterministic bytes: SHA-256 of the seed and a counter, concatenated. */
function seededBytes(needed: number): string {
  let out = '';
  for (let i = 0; out.length < needed; i++) {
    out += createHash('sha256').update(`${SEED}:${i}`).digest('binary');
  }
  return out.slice(0, needed);
}

export function foreignPrivateKey(): KeyObject {
  if (cached) return cached;
  const prng = forge.random.createInstance();
  prng.seedFileSync = seededBytes;
  const pair = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001, prng, workers: -1 });
  cached = createPrivateKey(forge.pki.privateKeyToPem(pair.privateKey));
  return cached;
}
