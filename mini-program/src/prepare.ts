/**
 * One call for the harness: compile a project (or the FAQ sample with a one-file page script), load the runtime,
 * and answer what to hand the gateway (`buildGateway({ miniPrograms: { [id]: mounted } })` or
 * `miniProgramsOf(app).mount(id, mounted)`), with the problems found while compiling.
 */

import type { HostMap } from '../../mock-gateway/src/bridge/map-host.js';
import type { Diagnostic } from './diagnostic.js';
import type { CompiledProject } from './project/compiled-project.js';
import { faqSampleRoot } from './project/faq-sample.js';
import { type LoadProjectOptions, loadProject } from './project/load-project.js';
import { loadRuntimeAssets } from './runtime-build/runtime-assets.js';
import { type MountedMiniProgram, mountProject } from './serve/mounted-project.js';

export interface PrepareOptions extends LoadProjectOptions {
  /** the project's root; default: the FAQ sample project */
  root?: string;
  hosts?: HostMap;
  /** the backend under test (my.request to other origins goes there when the gateway performs it) */
  targetUrl?: string;
}

export interface PreparedMiniProgram {
  compiled: CompiledProject;
  mounted: MountedMiniProgram;
  diagnostics: Diagnostic[];
}

export async function prepareMiniProgram(
  options: PrepareOptions = {},
): Promise<{ ok: true; value: PreparedMiniProgram } | { ok: false; reason: string }> {
  const { root, hosts, targetUrl, ...load } = options;
  const compiled = await loadProject(root ?? faqSampleRoot(), load);
  if (!compiled.ok) return compiled;
  const runtime = await loadRuntimeAssets();
  if (!runtime.ok) return runtime;
  const mounted = mountProject(compiled.value, runtime.value, {
    ...(hosts ? { hosts } : {}),
    ...(targetUrl ? { targetUrl } : {}),
  });
  return { ok: true, value: { compiled: compiled.value, mounted, diagnostics: compiled.value.diagnostics } };
}
