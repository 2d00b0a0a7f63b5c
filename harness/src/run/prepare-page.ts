/**
 * The page the browser driver drives: the team's mini-program project (or its one-page script, or the FAQ sample
 * project), compiled once per run and mounted on the run's gateway; for a team's project, its FAQ Q1 lint findings.
 * The compiler and the linter (postcss, esbuild, acorn…) load only when a run has a page to compile or lint: an http
 * run against the sample page never needs them.
 */
import type { FastifyInstance } from 'fastify';
import { formatDiagnostic } from '../../../mini-program/src/diagnostic.js';
import { miniProgramsOf } from '../../../mock-gateway/src/app.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { MiniProgramReport } from '../core/types.js';
import { type DriverPage, SAMPLE_PAGE } from '../driver/browser-driver.js';

export type PreparedPage = { ok: true; page: DriverPage; report: MiniProgramReport } | { ok: false; reason: string };

/** The mount id of the run's page on its gateway. */
const MOUNT_ID = 'run';

export async function preparePage(
  config: ResolvedConfig,
  app: FastifyInstance,
  targetUrl: string,
  compile: boolean,
): Promise<PreparedPage> {
  const mp = config.miniProgram;
  const report: MiniProgramReport = { root: mp?.root ?? 'the FAQ sample page', diagnostics: [], lint: [] };
  if (mp) {
    const { lintProject } = await import('../../../mini-program/src/lint/lint-project.js');
    const lint = await lintProject(mp.root);
    if (lint.ok) report.lint = lint.value;
  }
  if (!compile) return { ok: true, page: SAMPLE_PAGE, report };
  const { prepareMiniProgram } = await import('../../../mini-program/src/prepare.js');
  const prepared = await prepareMiniProgram({
    ...(mp ? { root: mp.root, hosts: mp.hosts } : {}),
    ...(mp?.page ? { page: mp.page } : {}),
    ...(config.pageScript ? { pageScript: config.pageScript } : {}),
    targetUrl,
  });
  if (!prepared.ok) return { ok: false, reason: `mini-program: ${prepared.reason}` };
  report.diagnostics = prepared.value.diagnostics.map(formatDiagnostic);
  const path = miniProgramsOf(app).mount(MOUNT_ID, prepared.value.mounted);
  return {
    ok: true,
    report,
    page: {
      path,
      kind: mp ? 'project' : 'sample',
      ...(mp?.page ? { route: mp.page } : {}),
      button: mp?.button ?? SAMPLE_PAGE.button,
      tapPath: mp?.tapPath ?? [],
      hosts: mp?.hosts ?? {},
    },
  };
}
