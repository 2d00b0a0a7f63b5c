/**
 * Running a team's own Alipay mini-program: compile it (loadProject), serve it from the mock gateway
 * (mountProject + buildGateway({ miniPrograms }) or miniProgramsOf(app).mount), map its API hosts
 * (mapRequestUrl), and check its phone-number flow against FAQ Q1 (lintProject).
 */

export {
  checkHostMap,
  type HostMap,
  type HostMapping,
  type MappedUrl,
  mapRequestUrl,
} from '../../mock-gateway/src/bridge/map-host.js';
export { type CompileAcssOptions, compileAcss, convertRpx } from './acss/compile-acss.js';
export { type CompiledView, type CompileViewOptions, compileView } from './axml/compile-template.js';
export type { CompiledTemplate, Expr, TNode } from './axml/template-ast.js';
export { type Diagnostic, formatDiagnostic } from './diagnostic.js';
export { lintProject } from './lint/lint-project.js';
export type { LintFinding, LintResult, LintRule } from './lint/lint-types.js';
export { type PreparedMiniProgram, type PrepareOptions, prepareMiniProgram } from './prepare.js';
export type { CompiledProject, LoadResult } from './project/compiled-project.js';
export { faqSampleRoot } from './project/faq-sample.js';
export { type LoadProjectOptions, loadProject } from './project/load-project.js';
export type { ProjectManifest } from './project/manifest.js';
/** The rendered phone button the harness taps. */
export const PHONE_BUTTON_SELECTOR = 'button[open-type="getAuthorize"][scope="phoneNumber"]';
export { MINI_PROGRAM_BASE, MiniProgramRegistry } from '../../mock-gateway/src/routes/mini-program.js';
export { loadRuntimeAssets, type RuntimeAssets, type RuntimeResult } from './runtime-build/runtime-assets.js';
export { type MountedMiniProgram, type MountOptions, mountProject } from './serve/mounted-project.js';
