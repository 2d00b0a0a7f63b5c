/** `npm run build`'s step for the mini-program runtime: bundles it into dist/mini-program/. */
import { writeBrowserBundle } from '../../../mock-gateway/src/browser-bundle.js';
import { RUNTIME_BUNDLE } from './runtime-assets.js';

await writeBrowserBundle(RUNTIME_BUNDLE);
