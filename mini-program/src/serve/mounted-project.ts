/**
 * A compiled project ready for the gateway to serve: its files by name (shell, runtime, manifest, styles, bundle and
 * source map) and its static files, plus how its API hosts map. The gateway receives this from its caller; it never
 * compiles anything itself.
 */
import { createHash } from 'node:crypto';
import type { HostMap } from '../../../mock-gateway/src/bridge/map-host.js';
import type { BrowserBundle } from '../../../mock-gateway/src/browser-bundle.js';
import type { MountedMiniProgram, ServedFile } from '../../../mock-gateway/src/routes/mounted-mini-program.js';
import type { CompiledProject } from '../project/compiled-project.js';
import { shellHtml } from './shell-html.js';

export type { MountedMiniProgram, ServedFile } from '../../../mock-gateway/src/routes/mounted-mini-program.js';

export interface MountOptions {
  hosts?: HostMap;
  targetUrl?: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

export function mountProject(
  project: CompiledProject,
  runtime: BrowserBundle,
  options: MountOptions = {},
): MountedMiniProgram {
  const runtimeVersion = createHash('sha256').update(runtime.js).update(runtime.css).digest('hex').slice(0, 12);
  const w = project.manifest.window;
  const title = w.defaultTitle ?? w.navigationBarTitleText ?? '小程序';
  const html = shellHtml({ title, version: project.hash, runtimeVersion });
  const files = new Map<string, ServedFile>([
    ['', { body: html, contentType: 'text/html; charset=utf-8' }],
    ['index.html', { body: html, contentType: 'text/html; charset=utf-8' }],
    ['runtime.js', { body: runtime.js, contentType: JS }],
    ['runtime.css', { body: runtime.css, contentType: CSS }],
    ['app.css', { body: project.css, contentType: CSS }],
    ['project.js', { body: `window.__alimockProject = ${JSON.stringify(project.manifest)};\n`, contentType: JS }],
    ['bundle.js', { body: project.script.code, contentType: JS }],
    ['bundle.js.map', { body: project.script.map, contentType: 'application/json; charset=utf-8' }],
  ]);
  return {
    files,
    assets: project.assets,
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.targetUrl ? { targetUrl: options.targetUrl } : {}),
  };
}
