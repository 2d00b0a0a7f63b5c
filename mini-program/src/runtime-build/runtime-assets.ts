/**
 * The browser runtime as served: one script and one stylesheet (the phone's style with the mini-program shell's
 * additions); built like every browser bundle the gateway serves (mock-gateway/src/browser-bundle.ts).
 */
import { join } from 'node:path';
import { type BundleSpec, bundleLoader } from '../../../mock-gateway/src/browser-bundle.js';

export const RUNTIME_BUNDLE: BundleSpec = {
  what: 'the mini-program runtime',
  entry: join('mini-program', 'src', 'runtime', 'main.ts'),
  css: [join('mini-program', 'src', 'runtime', 'phone.css'), join('mini-program', 'src', 'runtime', 'shell.css')],
  builtDir: join('dist', 'mini-program'),
  name: 'runtime',
};

export const loadRuntimeAssets = bundleLoader(RUNTIME_BUNDLE);
