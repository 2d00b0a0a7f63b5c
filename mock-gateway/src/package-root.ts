import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'alimock';
let cached: string | undefined;

/**
 * The directory holding alimock's package.json, found by walking up from this file; works from sources (vitest)
 * and from dist/ (compiled). Assets, keys and examples are located from it.
 */
export function findPackageRoot(fromUrl: string = import.meta.url): string {
  if (fromUrl === import.meta.url && cached) return cached;
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown };
        if (pkg.name === PACKAGE_NAME) {
          if (fromUrl === import.meta.url) cached = dir;
          return dir;
        }
      } catch {
        // not a readable package.json: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`alimock: no package.json named "${PACKAGE_NAME}" above ${fromUrl}`);
    dir = parent;
  }
}

/** alimock's version, from its package.json. */
export function packageVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ??
      '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}
