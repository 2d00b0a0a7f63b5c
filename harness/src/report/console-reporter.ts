import pc from 'picocolors';
import { describeExpectation, describeVerdict, formatDuration, showInvalidChars } from './format.js';
import type { RunReport, ScenarioResult } from './report-types.js';
import type { Reporter, RunInfo } from './reporter.js';

export interface ConsoleReporterOptions {
  /** where to write; default process.stdout */
  stream?: NodeJS.WritableStream;
  /** force colours on or off; default: on for a TTY (or FORCE_COLOR), off when NO_COLOR is set */
  color?: boolean;
  /** environment read for NO_COLOR / FORCE_COLOR; default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Progress lines (`✓ id title (12ms)` / `✗ …` with the failure messages indented) and a final plain line
 * `N passed, N failed, N skipped (Xs)` — never coloured, so CI log readers can match it.
 */
export function createConsoleReporter(opts: ConsoleReporterOptions = {}): Reporter {
  const stream = opts.stream ?? process.stdout;
  const env = opts.env ?? process.env;
  const c = pc.createColors(opts.color ?? wantsColor(stream, env));
  let total = 0;
  let done = 0;
  const write = (line: string) => {
    stream.write(`${line}\n`);
  };

  return {
    name: 'console',
    onRunStart(info: RunInfo) {
      total = info.total;
      done = 0;
      const workers = info.workers > 1 ? `, ${info.workers} workers` : '';
      write(
        `Running ${info.total} scenario${info.total === 1 ? '' : 's'} against ${c.cyan(info.target.url)} ` +
          `(${info.driver} driver${workers})`,
      );
    },
    onScenarioEnd(s: ScenarioResult) {
      done++;
      const progress = c.dim(`[${String(done).padStart(String(total || done).length)}/${total || '?'}]`);
      const title = safe(s.title);
      const time = c.dim(`(${formatDuration(s.durationMs)})`);
      if (s.status === 'passed') {
        write(`  ${c.green('✓')} ${progress} ${s.id} ${c.dim(title)} ${time}`);
      } else if (s.status === 'skipped') {
        write(
          `  ${c.yellow('-')} ${progress} ${c.dim(`${s.id} ${title} (skipped${s.skipReason ? `: ${safe(s.skipReason)}` : ''})`)}`,
        );
      } else {
        write(`  ${c.red('✗')} ${progress} ${c.red(s.id)} ${title} ${time}`);
        for (const line of failureLines(s)) write(`      ${c.red(line)}`);
      }
    },
    onRunEnd(report: RunReport) {
      const causes = report.diagnosis ?? [];
      if (causes.length > 0) {
        write('');
        write(c.bold(c.red(causes.length === 1 ? 'Root cause:' : 'Root causes, most fundamental first:')));
        causes.forEach((cause, i) => {
          write(`  ${i + 1}. ${c.bold(safe(cause.title))} ${c.dim(`[${cause.cause}]`)}`);
          write(`     fix: ${safe(cause.remedy)}`);
          if (cause.detail) write(c.dim(`     ${safe(cause.detail)}`));
          write(c.dim(`     shown by: ${cause.evidence.join(', ')}`));
        });
      }
      const mp = report.miniProgram;
      if (mp && (mp.lint.length > 0 || mp.diagnostics.length > 0)) {
        write('');
        write(c.bold(c.yellow(`Your mini-program (${safe(mp.root)}):`)));
        for (const d of mp.diagnostics) write(`  ${c.red('✗')} ${safe(d)}`);
        for (const f of mp.lint) {
          write(
            `  ${c.yellow('!')} ${safe(`${f.file}:${f.line}:${f.column}`)} ${safe(f.message)} ${c.dim(`[${f.rule}]`)}`,
          );
          write(c.dim(`      fix: ${safe(f.fix)}`));
        }
      }
      if (report.interrupted) {
        write('');
        write(
          c.yellow(`interrupted (${safe(report.interrupted)}): the scenarios that did not finish are marked skipped`),
        );
      }
      const failed = report.scenarios.filter((s) => s.status === 'failed');
      if (failed.length > 0) {
        write('');
        write(c.bold(c.red(`${failed.length} failed:`)));
        for (const s of failed) {
          write(`  ${c.red('✗')} ${s.id} ${c.dim('—')} ${safe(s.failures[0]?.message ?? describeVerdict(s.verdict))}`);
        }
      }
      const { passed, skipped, durationMs } = report.summary;
      write('');
      write(
        `${passed} passed, ${report.summary.failed} failed, ${skipped} skipped (${(durationMs / 1000).toFixed(1)}s)`,
      );
    },
  };
}

function failureLines(s: ScenarioResult): string[] {
  const lines = s.failures.map((f) => `→ ${safe(f.message)}`);
  lines.push(`  expected ${describeExpectation(s.expected)}, got ${safe(describeVerdict(s.verdict))}`);
  return lines;
}

/** One line, no terminal control sequences smuggled in by a backend's answer. */
function safe(text: string): string {
  return showInvalidChars(text.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/[\u007f-\u009f]/g, '');
}

function wantsColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
}
