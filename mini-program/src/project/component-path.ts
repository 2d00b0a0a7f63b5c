import type { ProjectFiles } from './project-files.js';
import { resolveProjectPath } from './project-path.js';

/** A usingComponents path → the component's project path without extension (leading `/`), or undefined. */
export function componentPath(files: ProjectFiles, fromFile: string, written: string): string | undefined {
  const candidates =
    written.startsWith('/') || written.startsWith('.')
      ? [resolveProjectPath(fromFile, written)]
      : [`node_modules/${written}`, resolveProjectPath(fromFile, written)];
  for (const c of candidates) {
    if (c === undefined) continue;
    const base = c.replace(/\.(axml|js|ts)$/, '');
    if (files.exists(`${base}.axml`)) return `/${base}`;
    if (files.exists(`${base}/index.axml`)) return `/${base}/index`;
  }
  return undefined;
}
