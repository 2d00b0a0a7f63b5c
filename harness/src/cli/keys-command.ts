import { relative } from 'node:path';
import { generateKeySet, writeKeySet } from '../../../mock-gateway/src/keys/generate-keys.js';
import { type CommandResult, done, runtimeFailure, usageFailure } from './command-result.js';

export interface KeysOptions {
  /** target folder (default ./alimock-keys) */
  out: string;
  force?: boolean;
  appId?: string;
}

/** `alimock keys`: writes a fresh TEST-ONLY key set (keys/README.md); refuses to overwrite one without --force. */
export async function keysCommand(opts: KeysOptions): Promise<CommandResult> {
  const set = generateKeySet(opts.appId !== undefined ? { appId: opts.appId } : {});
  const written = writeKeySet(opts.out, set, { force: opts.force === true });
  if (!written.ok) {
    // writeKeySet refuses an existing key set (the user's to fix) or reports an I/O error (runtime)
    return written.reason.includes('--force') ? usageFailure(written.reason) : runtimeFailure(written.reason);
  }
  const shown = relative(process.cwd(), written.value.dir) || '.';
  const lines = [
    `wrote a TEST-ONLY key set to ${shown.startsWith('..') ? written.value.dir : shown} (app id ${set.appId}):`,
    ...written.value.written.map((name) => `  ${name}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return done;
}
