/**
 * The human-readable doctor report: one line per step (✓ ok, ✗ fail, ! warn, - skip) with the fix under it, then
 * the plaintext (mobile masked), the outcome, what a backend should answer, and a one-line verdict.
 */
import pc from 'picocolors';
import { maskMobile, maskPlaintext } from './check-plaintext.js';
import type { Diagnosis, StepStatus } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

const MARK: Record<StepStatus, string> = { ok: '✓', fail: '✗', warn: '!', skip: '-' };

function paint(c: Colors, status: StepStatus, text: string): string {
  if (status === 'ok') return c.green(text);
  if (status === 'fail') return c.red(text);
  if (status === 'warn') return c.yellow(text);
  return c.dim(text);
}

export function renderReport(d: Diagnosis, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  for (const s of d.steps) {
    lines.push(
      `${paint(c, s.status, MARK[s.status])} ${c.bold(s.step.padEnd(9))} ${s.message} ${c.dim(`[${s.finding}]`)}`,
    );
    if (s.fix !== undefined) lines.push(`    ${c.cyan('→')} ${s.fix}`);
  }
  lines.push('');
  if (d.plaintext !== undefined) lines.push(`plaintext: ${maskPlaintext(d.plaintext)}`);
  if (d.outcome) {
    const o = d.outcome;
    const head = [o.code, o.msg, o.subCode, o.subMsg].filter((x) => x !== undefined).join(' / ');
    lines.push(`outcome:   ${head}${o.title && o.title !== o.subMsg ? ` — ${o.title}` : ''}`);
    if (o.cause && o.id !== 'success') lines.push(`           cause: ${o.cause}`);
    if (o.remedy && o.id !== 'success') lines.push(`           remedy: ${o.remedy}`);
  }
  if (d.answer) {
    const a = d.answer;
    const text = a.accepted
      ? `${a.http} {"mobile":"${maskMobile(a.mobile)}"}`
      : `${a.http} {"error":{"code":"${a.code}",…}}${a.also ? ` (or ${a.also.join(', ')})` : ''}`;
    lines.push(`a correct backend answers: ${text}`);
  }
  const problems = d.steps.filter((s) => s.status === 'fail').map((s) => s.finding);
  const skipped = d.steps.filter((s) => s.status === 'skip' && (s.step === 'keys' || s.finding === 'no-aes-key'));
  if (d.ok) {
    lines.push(c.green(c.bold('✓ the payload is fine: it verifies, decrypts and carries a mobile')));
  } else if (problems.length > 0) {
    lines.push(c.red(c.bold(`✗ problem found: ${[...new Set(problems)].join(', ')}`)));
  } else if (skipped.length > 0) {
    lines.push(c.yellow(c.bold('! not everything could be checked: pass the keys named above')));
  } else {
    lines.push(c.yellow(c.bold('! the payload is not a usable phone number (see above)')));
  }
  return `${lines.join('\n')}\n`;
}
