import { relative } from 'node:path';
import { defaultKeysDir, loadKeyDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { DEFAULT_VECTOR_SEED, generateVectors } from '../vectors/generate-vectors.js';
import { VECTOR_FILES, writeVectorFiles } from '../vectors/write-vectors.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';

export interface VectorsOptions {
  /** target folder */
  out: string;
  /** seeds the member's mobile (default 1) */
  seed?: number;
  /** keys directory (default: the package's TEST-ONLY keys/) */
  keys?: string;
}

/**
 * `alimock vectors`: writes vectors.json (envelopes and the answer each must get) and vectors.schema.json, for the
 * unit tests of a backend in any language. Same keys and seed → the same bytes.
 */
export async function vectorsCommand(opts: VectorsOptions): Promise<CommandResult> {
  if (opts.out.trim() === '') return usageFailure('--out needs a folder, e.g. --out test/vectors');
  const keys = loadKeyDir(opts.keys ?? defaultKeysDir());
  if (!keys.ok) return usageFailure(keys.reason);
  const file = generateVectors(keys.value, { seed: opts.seed ?? DEFAULT_VECTOR_SEED });
  const written = writeVectorFiles(opts.out, file);
  if (!written.ok) {
    return written.reason.kind === 'not-a-folder'
      ? usageFailure(written.reason.message)
      : runtimeFailure(written.reason.message);
  }
  const shown = relative(process.cwd(), written.value.dir) || '.';
  const where = shown.startsWith('..') ? written.value.dir : shown;
  process.stdout.write(
    `wrote ${file.vectors.length} vectors to ${where}/${VECTOR_FILES.vectors} (schema: ${VECTOR_FILES.schema})\n`,
  );
  return done;
}
