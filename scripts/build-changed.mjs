/**
 * `npm run build:changed` (run by `npm test`): the incremental TypeScript build, skipped when nothing it reads has
 * changed since it last succeeded. tsc --incremental still parses every source and type definition to find out
 * (about 4 s here); comparing modification times takes milliseconds. After deleting or renaming a source, run
 * `npm run build` (a clean build) as before.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const CONFIG = 'tsconfig.build.json';
const BUILD_INFO = 'dist/tsconfig.build.tsbuildinfo';
/** what tsc reads besides the included folders */
const SETTINGS = ['tsconfig.json', CONFIG, 'package.json', 'package-lock.json'];
/** excluded from the build (tsconfig.build.json): a change there needs no rebuild */
const NOT_BUILT =
  /(\.test\.ts$|\/test\/|\/test-support\/|\/fixtures\/|^mini-program\/src\/runtime\/|^mock-gateway\/src\/playground\/ui\/)/;

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.(ts|mts|cts|json)$/.test(entry.name) && !NOT_BUILT.test(path))
      latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function changedSinceLastBuild() {
  if (!existsSync(BUILD_INFO)) return true;
  const built = statSync(BUILD_INFO).mtimeMs;
  const { include } = JSON.parse(readFileSync(CONFIG, 'utf8'));
  return [...include.map(newest), ...SETTINGS.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0))].some(
    (t) => t > built,
  );
}

if (changedSinceLastBuild()) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', CONFIG, '--incremental'], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  // tsc leaves its build info alone when no source changed in content (a file only touched): mark the check done
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
}
