/**
 * Complete key sets for tests that need one that is not the bundled `keys/` (to write, load, break, or mismatch):
 * one per app id, generated once per process (three RSA-2048 pairs and a certificate chain take 0.5–1.5 s on a
 * small machine, and test files share a worker). Two app ids give two unrelated sets. Tests of the generator itself
 * call `generateKeySet`.
 */
import { DEMO_APP_ID, type GeneratedKeySet, generateKeySet } from '../keys/generate-keys.js';

const sets = new Map<string, GeneratedKeySet>();

export function testKeySet(appId = DEMO_APP_ID): GeneratedKeySet {
  let set = sets.get(appId);
  if (!set) {
    set = generateKeySet({ appId });
    sets.set(appId, set);
  }
  return set;
}
