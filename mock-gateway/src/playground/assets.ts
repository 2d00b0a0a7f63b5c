/** The playground's browser code as served: one script and one stylesheet (see browser-bundle.ts). */
import { join } from 'node:path';
import { type BundleSpec, bundleLoader } from '../browser-bundle.js';

export const PLAYGROUND_BUNDLE: BundleSpec = {
  what: 'the playground',
  entry: join('mock-gateway', 'src', 'playground', 'ui', 'main.ts'),
  css: [join('mock-gateway', 'src', 'playground', 'ui', 'playground.css')],
  builtDir: join('dist', 'playground'),
  name: 'playground',
};

export const loadPlaygroundAssets = bundleLoader(PLAYGROUND_BUNDLE);
