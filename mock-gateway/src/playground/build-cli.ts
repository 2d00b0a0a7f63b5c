/** `npm run build`'s step for the playground: bundles its browser code into dist/playground/. */
import { writeBrowserBundle } from '../browser-bundle.js';
import { PLAYGROUND_BUNDLE } from './assets.js';

await writeBrowserBundle(PLAYGROUND_BUNDLE);
