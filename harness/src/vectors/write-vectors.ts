/** Writes vectors.json and vectors.schema.json into a folder (created if missing). */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { err, ok, type Result } from '../../../mock-gateway/src/protocol/result.js';
import { serialiseVectors } from './generate-vectors.js';
import type { VectorFile } from './vector-types.js';
import { VECTORS_SCHEMA } from './vectors-schema.js';

export const VECTOR_FILES = { vectors: 'vectors.json', schema: 'vectors.schema.json' } as const;

export type WriteError = { kind: 'not-a-folder' | 'io'; message: string };

export function writeVectorFiles(dir: string, file: VectorFile): Result<{ dir: string }, WriteError> {
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) {
    return err({ kind: 'not-a-folder', message: `${dir} is a file: --out takes a folder` });
  }
  try {
    mkdirSync(abs, { recursive: true });
    writeFileSync(join(abs, VECTOR_FILES.vectors), serialiseVectors(file));
    writeFileSync(join(abs, VECTOR_FILES.schema), `${JSON.stringify(VECTORS_SCHEMA, null, 2)}\n`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err({ kind: 'io', message: `cannot write to ${dir}: ${code ?? (e as Error).message}` });
  }
  return ok({ dir: abs });
}
