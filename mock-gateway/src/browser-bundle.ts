/**
 * Browser code the gateway serves (the playground, the mini-program runtime) as one script and one stylesheet:
 * `npm run build` writes them under dist/; code running from the sources (tests, dev) bundles them in memory, once
 * per process.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from './package-root.js';

export interface BrowserBundle {
  js: string;
  css: string;
}

export type BrowserBundleResult = { ok: true; value: BrowserBundle } | { ok: false; reason: string };

/** What to bundle and where its built files live; paths are relative to the package root. */
export interface BundleSpec {
  /** for messages, e.g. "the playground" */
  what: string;
  /** the TypeScript entry point */
  entry: string;
  /** stylesheets, concatenated in this order */
  css: readonly string[];
  /** where `npm run build` writes `<name>.js` and `<name>.css` */
  builtDir: string;
  name: string;
}

/** Bundles from the sources (esbuild: minified, one IIFE). */
export async function buildBrowserBundle(spec: BundleSpec, root: string = findPackageRoot()): Promise<BrowserBundle> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, spec.entry)],
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
  const css = spec.css.map((p) => readFileSync(join(root, p), 'utf8')).join('\n');
  return { js: result.outputFiles[0]?.text ?? '', css };
}

/** `npm run build`'s step: writes the built files and says where. */
export async function writeBrowserBundle(spec: BundleSpec): Promise<void> {
  const root = findPackageRoot();
  const bundle = await buildBrowserBundle(spec, root);
  const dir = join(root, spec.builtDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${spec.name}.js`), bundle.js);
  writeFileSync(join(dir, `${spec.name}.css`), bundle.css);
  process.stdout.write(
    `${spec.name}: ${(bundle.js.length / 1024).toFixed(1)} KiB → ${join(spec.builtDir, `${spec.name}.js`)}\n`,
  );
}

/** The bundle as served: the built files, or built from the sources when this runs from them; once per process. */
export function bundleLoader(spec: BundleSpec): () => Promise<BrowserBundleResult> {
  let pending: Promise<BrowserBundleResult> | undefined;
  return () => {
    pending ??= (async (): Promise<BrowserBundleResult> => {
      const root = findPackageRoot();
      const fromSources = import.meta.url.endsWith('.ts') && existsSync(join(root, spec.entry));
      const built = join(root, spec.builtDir);
      const js = join(built, `${spec.name}.js`);
      if (!fromSources && existsSync(js)) {
        return {
          ok: true,
          value: { js: readFileSync(js, 'utf8'), css: readFileSync(join(built, `${spec.name}.css`), 'utf8') },
        };
      }
      if (existsSync(join(root, spec.entry))) {
        try {
          return { ok: true, value: await buildBrowserBundle(spec, root) };
        } catch (e) {
          return { ok: false, reason: `${spec.what} did not build: ${(e as Error).message}` };
        }
      }
      return { ok: false, reason: `${spec.what} is missing (${js}): run npm run build` };
    })();
    return pending;
  };
}
