/**
 * generateVectors(keys, seed) → the vector file. Pure and deterministic: AES-CBC with a zero IV and RSA PKCS#1 v1.5
 * signatures have no randomness, and the mobile comes from the seed, so the same keys and seed give the same bytes.
 */
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { vectorCatalogue } from './catalogue.js';
import { resolveExpect, type VectorDefinition } from './vector-definition.js';
import { createVectorKit } from './vector-kit.js';
import type { VectorFile } from './vector-types.js';

export type { TestVector, VectorExpect, VectorFile } from './vector-types.js';

/** The seed when none is given. */
export const DEFAULT_VECTOR_SEED = 1;

export interface GenerateVectorsOptions {
  seed?: number;
  /** replaces the catalogue (tests) */
  catalogue?: readonly VectorDefinition[];
}

export function generateVectors(keys: KeyMaterial, options: GenerateVectorsOptions = {}): VectorFile {
  const kit = createVectorKit(keys, options.seed ?? DEFAULT_VECTOR_SEED);
  return {
    keys: { alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey },
    vectors: (options.catalogue ?? vectorCatalogue).map((def) => ({
      id: def.id,
      title: def.title,
      envelope: def.build(kit),
      expect: resolveExpect(def.expect, kit.mobile),
      why: def.why,
    })),
  };
}

/** The file's text: two-space JSON and a final newline. */
export function serialiseVectors(file: VectorFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
