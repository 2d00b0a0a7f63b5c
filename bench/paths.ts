import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder whose package.json is named `alimock`), from src or dist alike. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'alimock') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('packageRoot: no package.json named "alimock" above this module');
    dir = parent;
  }
}

export const paths = {
  /** the built bin; `ALIMOCK_BENCH_CLI` points at another build's (to measure a before/after) */
  get cli(): string {
    return process.env.ALIMOCK_BENCH_CLI ?? join(packageRoot(), 'dist/harness/src/cli/main.js');
  },
  get signRate(): string {
    return join(packageRoot(), 'dist/bench/sign-rate-child.js');
  },
  get bareFastify(): string {
    return join(packageRoot(), 'bench/fixtures/bare-fastify.js');
  },
};
