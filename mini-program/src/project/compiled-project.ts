/** What loadProject answers: everything the page shell needs, and the problems found. Plain data. */
import type { Diagnostic } from '../diagnostic.js';
import type { ProjectManifest } from './manifest.js';

export interface CompiledProject {
  /** absolute folder of the project */
  root: string;
  manifest: ProjectManifest;
  /** app.acss, component sheets and every page's sheet (scoped to its page) */
  css: string;
  /** the project's JS as one script (registers its modules with __amDefine), and its source map */
  script: { code: string; map: string };
  /** files served by their project path (`assets/img/logo.png`) → absolute path */
  assets: Record<string, string>;
  /** every problem found (template, style, script), for the console; the page shows its own */
  diagnostics: Diagnostic[];
  /** changes whenever the compiled output changes (cache busting in URLs) */
  hash: string;
}

export type LoadResult = { ok: true; value: CompiledProject } | { ok: false; reason: string };
