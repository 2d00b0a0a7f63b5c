/** `npm run build`: writes dist/playground/playground.js and playground.css. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../package-root.js';
import { buildPlaygroundAssets, PLAYGROUND_BUILT_DIR } from './assets.js';

const root = findPackageRoot();
const assets = await buildPlaygroundAssets(root);
const dir = join(root, PLAYGROUND_BUILT_DIR);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'playground.js'), assets.js);
writeFileSync(join(dir, 'playground.css'), assets.css);
process.stdout.write(
  `playground: ${(assets.js.length / 1024).toFixed(1)} KiB → ${join(PLAYGROUND_BUILT_DIR, 'playground.js')}\n`,
);
