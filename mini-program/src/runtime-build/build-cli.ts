/** `npm run build`: writes dist/mini-program/runtime.js and runtime.css. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';
import { BUILT_DIR, buildRuntimeAssets } from './runtime-assets.js';

const root = findPackageRoot();
const assets = await buildRuntimeAssets(root);
const dir = join(root, BUILT_DIR);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'runtime.js'), assets.js);
writeFileSync(join(dir, 'runtime.css'), assets.css);
process.stdout.write(
  `mini-program runtime: ${(assets.js.length / 1024).toFixed(1)} KiB → ${join(BUILT_DIR, 'runtime.js')}\n`,
);
