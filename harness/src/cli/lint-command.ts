/**
 * `alimock lint <dir>`: FAQ Q1 on a team's own mini-program (see mini-program/src/lint). Prints one block per
 * finding (`file:line:column  message` and its fix) or `--json`. Exit 0 clean, 1 findings, 2 misuse.
 */
import pc from 'picocolors';
import { lintProject } from '../../../mini-program/src/lint/lint-project.js';
import type { LintFinding } from '../../../mini-program/src/lint/lint-types.js';
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

export async function lintCommand(opts: LintOptions): Promise<CommandResult> {
  const result = await lintProject(opts.dir);
  if (!result.ok) return usageFailure(result.reason);
  process.stdout.write(
    opts.json ? `${JSON.stringify({ findings: result.value }, null, 2)}\n` : renderFindings(result.value),
  );
  return result.value.length === 0 ? done : { ok: false, exitCode: EXIT_RUNTIME };
}
