/**
 * `npm run build:changed` (run by `npm test`, and by the tests' ensureBuilt): the incremental TypeScript build,
 * skipped when nothing the last build read has changed since it succeeded. tsc --incremental still parses every
 * source and type definition to find that out (about 4 s here); this compares modification times, in milliseconds.
 *
 * What the last build read is in its build info: the files (those under node_modules are covered by
 * package-lock.json) and the folders that hold them, whose times change when a file there is added, removed or
 * renamed. After removing or renaming a source, run `npm run build` (a clean build) to drop its old output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(ROOT, 'tsconfig.build.json');
const BUILD_INFO = join(ROOT, 'dist/tsconfig.build.tsbuildinfo');
/**
 * Written when a build succeeded. Not the build info's own time: tsc rewrites that after a build with type errors
 * too, and the next run would then skip a build that still fails.
 */
const SUCCEEDED = join(ROOT, 'dist/tsconfig.build.succeeded');
/** what tsc reads besides the sources */
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'].map((f) =>
  join(ROOT, f),
);

/** A missing path counts as changed (it was read, or was there, at the last build). */
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : Number.POSITIVE_INFINITY);

function readByLastBuild() {
  const { fileNames } = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  const files = fileNames.filter((f) => !f.includes('/node_modules/')).map((f) => resolve(dirname(BUILD_INFO), f));
  const folders = new Set();
  for (const file of files) {
    for (let dir = dirname(file); dir.startsWith(`${ROOT}/`); dir = dirname(dir)) folders.add(dir);
  }
  return [...files, ...folders, ...SETTINGS.filter((f) => existsSync(f))];
}

function changedSinceLastBuild() {
  if (!existsSync(BUILD_INFO) || !existsSync(SUCCEEDED)) return true;
  const built = statSync(SUCCEEDED).mtimeMs;
  try {
    return readByLastBuild().some((path) => mtime(path) > built);
  } catch {
    return true; // build info of another format: let tsc decide
  }
}

if (changedSinceLastBuild()) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', CONFIG, '--incremental'], { stdio: 'inherit', cwd: ROOT });
  if (run.status !== 0) {
    rmSync(SUCCEEDED, { force: true });
    process.exit(run.status ?? 1);
  }
  writeFileSync(SUCCEEDED, `${new Date().toISOString()}\n`);
}
