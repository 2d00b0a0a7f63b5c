/**
 * Complete key sets for tests that need one that is not the bundled `keys/` (to write, load, break, or mismatch):
 * generated once per process by name and app id (three RSA-2048 pairs and a certificate chain take 0.5–1.5 s on a
 * small machine, and test files share a worker). Tests of the generator itself call `generateKeySet`.
 */
import { DEMO_APP_ID, type GeneratedKeySet, generateKeySet } from '../keys/generate-keys.js';

const sets = new Map<string, GeneratedKeySet>();

export function testKeySet(name: string, appId = DEMO_APP_ID): GeneratedKeySet {
  const key = `${name} ${appId}`;
  let set = sets.get(key);
  if (!set) {
    set = generateKeySet({ appId });
    sets.set(key, set);
  }
  return set;
}
