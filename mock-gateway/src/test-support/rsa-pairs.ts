/**
 * RSA-2048 pairs that are not the bundled keys, for tests that need "another party's key": generated once per
 * process by name (0.15–0.7 s each on a small machine; test files share a worker), so two names give two distinct
 * pairs and the same name gives the same pair.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface RsaPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const pairs = new Map<string, RsaPair>();

export function otherRsaPair(name = 'other'): RsaPair {
  let pair = pairs.get(name);
  if (!pair) {
    pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pairs.set(name, pair);
  }
  return pair;
}
