/**
 * `alimock lint <dir>`: FAQ Q1 on a team's own mini-program (see mini-program/src/lint), and whether the project
 * builds the way `alimock run` and `serve` build it (modules resolve, AXML/ACSS compile, the pages exist). Prints one
 * block per finding (`file:line:column  message` and its fix) or `--json`. Exit 0 clean, 1 findings, 2 misuse.
 */
import pc from 'picocolors';
import { lintProject } from '../../../mini-program/src/lint/lint-project.js';
import type { LintFinding } from '../../../mini-program/src/lint/lint-types.js';
import { loadProject } from '../../../mini-program/src/project/load-project.js';
import { type CommandResult, done, EXIT_RUNTIME, usageFailure } from './command-result.js';

export interface LintOptions {
  dir: string;
  json?: boolean;
}

export function renderFindings(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return `${pc.green('✓')} no findings: the phone-number flow follows FAQ Q1\n`;
  const blocks = findings.map(
    (f) =>
      `${pc.bold(`${f.file}:${f.line}:${f.column}`)}  ${f.message} ${pc.dim(`[${f.rule}]`)}\n  ${pc.cyan('fix:')} ${f.fix}\n`,
  );
  const n = findings.length;
  return `${blocks.join('\n')}\n${pc.red(`${n} finding${n === 1 ? '' : 's'}`)} (FAQ Q1: my.getPhoneNumber only after <button open-type="getAuthorize" scope="phoneNumber"> is tapped and allowed)\n`;
}

const BUILD_FIX = 'fix it at this place: alimock run and serve open the page only once the project builds';

/** The project's build problems as findings, leaving out the places a syntax-error finding already names. */
async function buildFindings(dir: string, lint: readonly LintFinding[]): Promise<LintFinding[]> {
  const loaded = await loadProject(dir);
  if (!loaded.ok) return [];
  const named = new Set(lint.filter((f) => f.rule === 'syntax-error').map((f) => f.file));
  return loaded.value.diagnostics
    .filter((d) => !named.has(d.file))
    .map((d) => ({
      rule: 'build-error',
      file: d.file,
      line: d.line,
      column: d.column,
      message: d.message,
      fix: d.hint ?? BUILD_FIX,
    }));
}

export async function lintCommand(opts: LintOptions): Promise<CommandResult> {
  const result = await lintProject(opts.dir);
  if (!result.ok) return usageFailure(result.reason);
  const findings = [...(await buildFindings(opts.dir, result.value)), ...result.value];
  process.stdout.write(opts.json ? `${JSON.stringify({ findings }, null, 2)}\n` : renderFindings(findings));
  return findings.length === 0 ? done : { ok: false, exitCode: EXIT_RUNTIME };
}
