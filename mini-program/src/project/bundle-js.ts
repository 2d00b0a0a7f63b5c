/**
 * The project's JS as one browser script, with esbuild: app.js, every page's and component's .js/.ts, their
 * relative modules and packages from the project's node_modules. Each is registered with `__amDefine(id, factory)`
 * and runs on first use. The source map's sources are project-relative, so runtime errors map to the project's files.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type BuildFailure, build, type Message, type Plugin } from 'esbuild';
import type { Diagnostic } from '../diagnostic.js';

export interface BundleEntry {
  /** module id (`app`, `page:pages/x/y`, `component:/components/c/c`) */
  id: string;
  /** absolute file */
  file: string;
}

export interface BundleResult {
  code: string;
  map: string;
  errors: Diagnostic[];
  /** absolute files the bundle read */
  inputs: string[];
}

const ENTRY_NAME = '<alimock-entry>';

const NAMESPACE = 'alimock-src';

/** A source path as the project shows it: relative to the root inside it, absolute outside. */
export function displayPath(root: string, file: string): string {
  const path = file.startsWith(`${NAMESPACE}:`) ? file.slice(NAMESPACE.length + 1) : file;
  const abs = isAbsolute(path) ? path : resolve(root, path);
  const rel = relative(root, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}

function toDiagnostic(root: string, m: Message): Diagnostic {
  const loc = m.location;
  return {
    file: loc ? displayPath(root, loc.file) : ENTRY_NAME,
    line: loc?.line ?? 1,
    column: (loc?.column ?? 0) + 1,
    message: m.text,
    ...(m.notes[0]?.text ? { hint: m.notes[0].text } : {}),
  };
}

/**
 * The project's own .js files are loaded outside esbuild's file namespace, so that their module format follows their
 * syntax (`module.exports` or `export`) as in Alipay's build, whatever a package.json above them says ("type":
 * "module" would make `module.exports` fail). Also serves source text handed in for a file (a one-file page script).
 */
function projectSourcesPlugin(overrides: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'alimock-project-sources',
    setup(b) {
      b.onResolve({ filter: /^(\.|\/|[A-Za-z]:)/ }, async (args) => {
        if (args.pluginData === NAMESPACE) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: NAMESPACE,
        });
        if (resolved.errors.length > 0 || resolved.external) return resolved;
        const file = resolved.path;
        const own = !file.split(/[\\/]/).includes('node_modules');
        if (own && (file.endsWith('.js') || overrides.has(file))) return { path: file, namespace: NAMESPACE };
        return resolved;
      });
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const contents = overrides.get(args.path) ?? (await readFile(args.path, 'utf8'));
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

export async function bundleProject(
  root: string,
  entries: readonly BundleEntry[],
  overrides: ReadonlyMap<string, string> = new Map(),
): Promise<BundleResult> {
  const contents = entries
    .map((e) => `__amDefine(${JSON.stringify(e.id)}, function () { require(${JSON.stringify(e.file)}); });`)
    .join('\n');
  try {
    const result = await build({
      stdin: { contents, resolveDir: root, sourcefile: ENTRY_NAME, loader: 'js' },
      absWorkingDir: root,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome100',
      write: false,
      outfile: resolve(root, 'bundle.js'),
      sourcemap: 'external',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      charset: 'utf8',
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [projectSourcesPlugin(overrides)],
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
    const mapFile = result.outputFiles.find((f) => f.path.endsWith('.map'));
    const map = JSON.parse(mapFile?.text ?? '{"sources":[]}') as { sources: string[] };
    map.sources = map.sources.map((s) => (s.includes(ENTRY_NAME) ? ENTRY_NAME : displayPath(root, s)));
    const inputs = Object.keys(result.metafile.inputs)
      .filter((k) => !k.includes(ENTRY_NAME))
      .map((k) => resolve(root, k.startsWith(`${NAMESPACE}:`) ? k.slice(NAMESPACE.length + 1) : k));
    return {
      code: `${js?.text ?? ''}\n//# sourceMappingURL=bundle.js.map\n`,
      map: JSON.stringify(map),
      errors: [],
      inputs,
    };
  } catch (e) {
    const failure = e as BuildFailure;
    if (!Array.isArray(failure.errors)) throw e;
    const inputs = failure.errors.flatMap((m) =>
      m.location ? [resolve(root, m.location.file.replace(`${NAMESPACE}:`, ''))] : [],
    );
    return { code: '', map: '', errors: failure.errors.map((m) => toDiagnostic(root, m)), inputs };
  }
}
