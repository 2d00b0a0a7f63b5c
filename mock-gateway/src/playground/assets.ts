/**
 * The playground's browser code as served: one script and one stylesheet. `npm run build` writes them to
 * dist/playground/; a gateway running from the sources (tests, dev) bundles them in memory once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../package-root.js';

export interface PlaygroundAssets {
  js: string;
  css: string;
}

export type PlaygroundAssetsResult = { ok: true; value: PlaygroundAssets } | { ok: false; reason: string };

export const PLAYGROUND_ENTRY = join('mock-gateway', 'src', 'playground', 'ui', 'main.ts');
export const PLAYGROUND_CSS = join('mock-gateway', 'src', 'playground', 'ui', 'playground.css');
export const PLAYGROUND_BUILT_DIR = join('dist', 'playground');

/** Bundles the playground from its sources (esbuild: minified, one IIFE). */
export async function buildPlaygroundAssets(packageRoot: string = findPackageRoot()): Promise<PlaygroundAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(packageRoot, PLAYGROUND_ENTRY)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome100',
    minify: true,
    write: false,
    logLevel: 'silent',
    charset: 'utf8',
    legalComments: 'none',
  });
  return { js: result.outputFiles[0]?.text ?? '', css: readFileSync(join(packageRoot, PLAYGROUND_CSS), 'utf8') };
}

let pending: Promise<PlaygroundAssetsResult> | undefined;

/** The playground: built from the sources when this module runs from them, else the built files. */
export function loadPlaygroundAssets(): Promise<PlaygroundAssetsResult> {
  pending ??= (async (): Promise<PlaygroundAssetsResult> => {
    const root = findPackageRoot();
    const fromSources = import.meta.url.endsWith('.ts') && existsSync(join(root, PLAYGROUND_ENTRY));
    const built = join(root, PLAYGROUND_BUILT_DIR);
    if (!fromSources && existsSync(join(built, 'playground.js'))) {
      return {
        ok: true,
        value: {
          js: readFileSync(join(built, 'playground.js'), 'utf8'),
          css: readFileSync(join(built, 'playground.css'), 'utf8'),
        },
      };
    }
    if (existsSync(join(root, PLAYGROUND_ENTRY))) {
      try {
        return { ok: true, value: await buildPlaygroundAssets(root) };
      } catch (e) {
        return { ok: false, reason: `the playground did not build: ${(e as Error).message}` };
      }
    }
    return { ok: false, reason: `the playground is missing (${join(built, 'playground.js')}): run npm run build` };
  })();
  return pending;
}
