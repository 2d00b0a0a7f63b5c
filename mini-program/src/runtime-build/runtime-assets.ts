/**
 * The browser runtime as served: one script and one stylesheet (the stub page's style.css with the mini-program
 * shell's additions). `npm run build` writes them to dist/mini-program/; runs from the sources (tests, dev) build them
 * in memory once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';

export interface RuntimeAssets {
  js: string;
  css: string;
}

export type RuntimeResult = { ok: true; value: RuntimeAssets } | { ok: false; reason: string };

export const RUNTIME_ENTRY = join('mini-program', 'src', 'runtime', 'main.ts');
export const BUILT_DIR = join('dist', 'mini-program');

/** Bundles the runtime from its sources (esbuild: minified, one IIFE). */
export async function buildRuntimeAssets(packageRoot: string = findPackageRoot()): Promise<RuntimeAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(packageRoot, RUNTIME_ENTRY)],
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
  const js = result.outputFiles[0]?.text ?? '';
  const css = [
    readFileSync(join(packageRoot, 'mini-program', 'src', 'runtime', 'phone.css'), 'utf8'),
    readFileSync(join(packageRoot, 'mini-program', 'src', 'runtime', 'shell.css'), 'utf8'),
  ].join('\n');
  return { js, css };
}

let pending: Promise<RuntimeResult> | undefined;

/** The runtime: built from the sources when they are here and this module runs from them, else the built files. */
export function loadRuntimeAssets(): Promise<RuntimeResult> {
  pending ??= (async (): Promise<RuntimeResult> => {
    const root = findPackageRoot();
    const fromSources = import.meta.url.endsWith('.ts') && existsSync(join(root, RUNTIME_ENTRY));
    const built = join(root, BUILT_DIR);
    if (!fromSources && existsSync(join(built, 'runtime.js'))) {
      return {
        ok: true,
        value: {
          js: readFileSync(join(built, 'runtime.js'), 'utf8'),
          css: readFileSync(join(built, 'runtime.css'), 'utf8'),
        },
      };
    }
    if (existsSync(join(root, RUNTIME_ENTRY))) {
      try {
        return { ok: true, value: await buildRuntimeAssets(root) };
      } catch (e) {
        return { ok: false, reason: `the mini-program runtime did not build: ${(e as Error).message}` };
      }
    }
    return {
      ok: false,
      reason: `the mini-program runtime is missing (${join(built, 'runtime.js')}): run npm run build`,
    };
  })();
  return pending;
}
