/**
 * The human-readable doctor report: one line per step (✓ ok, ✗ fail, ! warn, - skip) with the fix under it, then
 * the plaintext (mobile masked), the outcome, what a backend should answer, and a one-line verdict. Everything taken
 * from the payload is shortened and made printable (see echo.ts): a hostile payload cannot flood or drive the
 * terminal.
 */
import pc from 'picocolors';
import { DOCTOR_DOC } from './constants.js';
import { clip, echo, printable, SHOW_LIMIT } from './echo.js';
import { showAnswer, showPlaintext } from './show-diagnosis.js';
import type { Diagnosis, StepStatus } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

const MARK: Record<StepStatus, string> = { ok: '✓', fail: '✗', warn: '!', skip: '-' };

function paint(c: Colors, status: StepStatus, text: string): string {
  if (status === 'ok') return c.green(text);
  if (status === 'fail') return c.red(text);
  if (status === 'warn') return c.yellow(text);
  return c.dim(text);
}

/** A text the doctor wrote, possibly quoting the payload: bounded and printable (it already is, normally). */
function safe(text: string): string {
  return printable(clip(text, SHOW_LIMIT));
}

function outcomeLines(d: Diagnosis): string[] {
  const o = d.outcome;
  if (!o) return [];
  const head = [o.code, o.msg, o.subCode, o.subMsg]
    .filter((x): x is string => x !== undefined)
    .map((x) => echo(x))
    .join(' / ');
  const lines = [`outcome:   ${head}${o.title && o.title !== o.subMsg ? ` — ${safe(o.title)}` : ''}`];
  if (o.cause && o.id !== 'success') lines.push(`           cause: ${safe(o.cause)}`);
  if (o.remedy && o.id !== 'success') lines.push(`           remedy: ${safe(o.remedy)}`);
  return lines;
}

function answerLine(d: Diagnosis): string[] {
  return d.answer ? [`a correct backend answers: ${showAnswer(d.answer)}`] : [];
}

function verdict(c: Colors, d: Diagnosis): string[] {
  if (d.ok) return [c.green(c.bold('✓ the payload is fine: it verifies, decrypts and carries a mobile'))];
  if (d.problems.length > 0) {
    const lines = [c.red(c.bold(`✗ problem found: ${d.problems.join(', ')}`))];
    if (d.damage?.fineAfterRepair) {
      lines.push(
        c.red(
          `  the payload verifies and decrypts only after the doctor repaired it (${d.damage.findings.join(', ')}): ` +
            'it is damaged between the page and your verifying code — fix the sender or the reader as shown above',
        ),
      );
    }
    lines.push(c.dim(`  each finding is explained in ${DOCTOR_DOC} (in the alimock package), e.g. #${d.problems[0]}`));
    return lines;
  }
  const skipped = d.steps.filter((s) => s.status === 'skip' && (s.step === 'keys' || s.finding === 'no-aes-key'));
  if (skipped.length > 0) return [c.yellow(c.bold('! not everything could be checked: pass the keys named above'))];
  return [c.yellow(c.bold('! the payload is not a usable phone number (see above)'))];
}

export function renderReport(d: Diagnosis, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  for (const s of d.steps) {
    lines.push(
      `${paint(c, s.status, MARK[s.status])} ${c.bold(s.step.padEnd(9))} ${safe(s.message)} ${c.dim(`[${s.finding}]`)}`,
    );
    if (s.fix !== undefined) lines.push(`    ${c.cyan('→')} ${safe(s.fix)}`);
  }
  lines.push('');
  if (d.plaintext !== undefined) lines.push(`plaintext: ${showPlaintext(d.plaintext)}`);
  lines.push(...outcomeLines(d), ...answerLine(d), ...verdict(c, d));
  return `${lines.join('\n')}\n`;
}
