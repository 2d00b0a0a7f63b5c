/**
 * loadProject(root, { page? }): a team's mini-program folder → a CompiledProject the gateway can serve. Reads
 * app.json, app.js/app.ts, app.acss, every page's .axml/.js|.ts/.acss/.json, custom components (`usingComponents`),
 * static files; bundles the JS once (esbuild) and caches the whole result while no file it read has changed.
 * A folder that is not a project (no app.json, a page listed but missing, bad JSON) is refused with what to fix;
 * problems inside files (AXML, ACSS, JS syntax) are compiled into the project and shown by the page with their place.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileAcss } from '../acss/compile-acss.js';
import { compileView } from '../axml/compile-template.js';
import type { Diagnostic } from '../diagnostic.js';
import { readAppJson, readPageJson } from './app-json.js';
import { type BundleEntry, bundleProject } from './bundle-js.js';
import type { CompiledProject, LoadResult } from './compiled-project.js';
import { componentPath } from './component-path.js';
import {
  APP_MODULE,
  componentModule,
  type ManifestComponent,
  type ManifestPage,
  type ProjectManifest,
  pageModule,
} from './manifest.js';
import { type Fingerprint, fingerprintHolds, ProjectFiles, scanAssets } from './project-files.js';

export interface LoadProjectOptions {
  /** the page to open first (a route listed in app.json); default: app.json's first page */
  page?: string;
  /**
   * A one-file page script (`Page({...})`) used as the JS of the first page — how a team's single page script runs
   * inside the FAQ sample project. `path` is shown in error places.
   */
  pageScript?: { path: string; source: string };
}

const cache = new Map<string, { fingerprint: Fingerprint; value: CompiledProject }>();

function scriptOf(files: ProjectFiles, base: string): string | undefined {
  for (const ext of ['.ts', '.js']) if (files.exists(base + ext)) return base + ext;
  return undefined;
}

interface Compiler {
  files: ProjectFiles;
  components: Record<string, ManifestComponent>;
  entries: BundleEntry[];
  css: string[];
  diagnostics: Diagnostic[];
}

/** Resolves a view's usingComponents (compiling each component once); problems are the view's. */
function useComponents(
  c: Compiler,
  viewFile: string,
  using: Record<string, string>,
  errors: Diagnostic[],
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [tag, written] of Object.entries(using)) {
    const path = componentPath(c.files, viewFile, written);
    if (!path) {
      errors.push({
        file: viewFile.replace(/\.axml$/, '.json'),
        line: 1,
        column: 1,
        message: `usingComponents "${tag}": ${written} has no .axml`,
        hint: 'check the component path (absolute from the project root, or relative to this page)',
      });
      continue;
    }
    tags[tag] = path;
    compileComponent(c, path, errors);
  }
  return tags;
}

function compileComponent(c: Compiler, path: string, usedFrom: Diagnostic[]): void {
  const known = c.components[path];
  if (known) {
    usedFrom.push(...known.errors);
    return;
  }
  const base = path.slice(1);
  const errors: Diagnostic[] = [];
  const placeholder: ManifestComponent = { template: { nodes: [], templates: {}, files: [] }, errors };
  c.components[path] = placeholder; // a component that uses itself stops here
  const json = readPageJson(c.files.read(`${base}.json`), `${base}.json`);
  if (!json.ok) errors.push({ file: `${base}.json`, line: 1, column: 1, message: json.reason });
  const tags = json.ok ? useComponents(c, `${base}.axml`, json.value.usingComponents, errors) : {};
  const view = compileView({ file: `${base}.axml`, read: c.files.read, components: tags });
  errors.push(...view.errors);
  placeholder.template = view.template;
  const script = scriptOf(c.files, base);
  if (script) c.entries.push({ id: componentModule(path), file: resolve(c.files.root, script) });
  else errors.push({ file: `${base}.axml`, line: 1, column: 1, message: `component ${path} has no .js or .ts` });
  if (c.files.exists(`${base}.acss`)) {
    const sheet = compileAcss({ file: `${base}.acss`, read: c.files.read });
    errors.push(...sheet.errors);
    c.css.push(`/* ${base}.acss */\n${sheet.css}`);
  }
  usedFrom.push(...errors);
}

export async function loadProject(rootDir: string, options: LoadProjectOptions = {}): Promise<LoadResult> {
  const root = resolve(rootDir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    return { ok: false, reason: `mini-program folder ${rootDir} does not exist` };
  const key = JSON.stringify([
    root,
    options.page ?? '',
    options.pageScript?.path ?? '',
    options.pageScript?.source ?? '',
  ]);
  const cached = cache.get(key);
  if (cached && fingerprintHolds(cached.fingerprint)) return { ok: true, value: cached.value };

  const files = new ProjectFiles(root);
  const appText = files.read('app.json');
  if (appText === undefined)
    return {
      ok: false,
      reason: `no app.json in ${rootDir}: point alimock at the mini-program's root folder (the one with app.json, app.js and pages/)`,
    };
  const app = readAppJson(appText);
  if (!app.ok) return app;
  const routes = app.value.pages;
  const entry = options.page?.replace(/^\//, '').replace(/\.(axml|js|ts)$/, '') ?? routes[0];
  if (entry === undefined || !routes.includes(entry))
    return { ok: false, reason: `page ${options.page} is not listed in app.json "pages" (${routes.join(', ')})` };

  const c: Compiler = { files, components: {}, entries: [], css: [], diagnostics: [] };
  const appScript = scriptOf(files, 'app');
  if (appScript) c.entries.push({ id: APP_MODULE, file: resolve(root, appScript) });
  if (files.exists('app.acss')) {
    const sheet = compileAcss({ file: 'app.acss', read: files.read });
    c.diagnostics.push(...sheet.errors);
    c.css.push(`/* app.acss */\n${sheet.css}`);
  }

  const overrides = new Map<string, string>();
  const pages: Record<string, ManifestPage> = {};
  for (const route of routes) {
    if (!files.exists(`${route}.axml`))
      return { ok: false, reason: `app.json lists the page ${route}, but ${route}.axml does not exist` };
    let script = scriptOf(files, route);
    let scriptFile = script ? resolve(root, script) : undefined;
    if (route === entry && options.pageScript) {
      scriptFile = resolve(options.pageScript.path);
      overrides.set(scriptFile, options.pageScript.source);
      script = options.pageScript.path;
    }
    if (!scriptFile)
      return { ok: false, reason: `app.json lists the page ${route}, but ${route}.js (or .ts) does not exist` };
    c.entries.push({ id: pageModule(route), file: scriptFile });
    const errors: Diagnostic[] = [];
    const json = readPageJson(files.read(`${route}.json`), `${route}.json`);
    if (!json.ok) return { ok: false, reason: json.reason };
    const tags = useComponents(c, `${route}.axml`, json.value.usingComponents, errors);
    const view = compileView({ file: `${route}.axml`, read: files.read, components: tags });
    errors.unshift(...view.errors);
    if (files.exists(`${route}.acss`)) {
      const sheet = compileAcss({ file: `${route}.acss`, read: files.read, scope: `page[data-route="${route}"]` });
      errors.push(...sheet.errors);
      c.css.push(`/* ${route}.acss */\n${sheet.css}`);
    }
    pages[route] = { template: view.template, window: json.value.window, errors };
  }

  const bundle = await bundleProject(root, c.entries, overrides);
  for (const f of bundle.inputs) files.note(f);
  if (options.pageScript) files.note(resolve(options.pageScript.path));

  const manifest: ProjectManifest = {
    entry,
    routes,
    pages,
    components: c.components,
    window: app.value.window,
    ...(app.value.tabBar ? { tabBar: app.value.tabBar } : {}),
    scriptErrors: bundle.errors,
  };
  const diagnostics = dedupe([...c.diagnostics, ...Object.values(pages).flatMap((p) => p.errors), ...bundle.errors]);
  const css = c.css.join('\n');
  const hash = createHash('sha256')
    .update(JSON.stringify(manifest))
    .update(css)
    .update(bundle.code)
    .digest('hex')
    .slice(0, 12);
  const value: CompiledProject = {
    root,
    manifest,
    css,
    script: { code: bundle.code, map: bundle.map },
    assets: scanAssets(root),
    diagnostics,
    hash,
  };
  cache.set(key, { fingerprint: files.fingerprint(), value });
  return { ok: true, value };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
