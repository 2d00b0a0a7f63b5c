/**
 * `--grep` patterns run on a linear-time engine (RE2, via re2js): a pattern like `^(\w+\s?)*$` that makes a
 * backtracking engine run for ever over a scenario title answers at once here. Lookarounds and backreferences,
 * which need backtracking, are refused with a message saying so.
 */
import { createRequire } from 'node:module';

type Re2 = typeof import('re2js').RE2JS;
let re2: Re2 | undefined;
/** re2js loads when a pattern is first compiled (not at every start of the CLI). */
const engine = (): Re2 => {
  re2 ??= (createRequire(import.meta.url)('re2js') as { RE2JS: Re2 }).RE2JS;
  return re2;
};

/** What selecting by id or title needs of a pattern (a RegExp fits too). */
export interface GrepMatcher {
  readonly source: string;
  test(text: string): boolean;
}

export type GrepResult = { ok: true; value: GrepMatcher } | { ok: false; reason: string };

/** At most this long: a pattern is a filter, not a program. */
const MAX_PATTERN = 1_000;

export function compileGrep(pattern: string): GrepResult {
  if (pattern.length > MAX_PATTERN)
    return {
      ok: false,
      reason: `"${pattern.slice(0, 40)}…" is ${pattern.length} characters; keep it under ${MAX_PATTERN}`,
    };
  try {
    const re = engine().compile(pattern);
    return { ok: true, value: { source: pattern, test: (text) => re.matcher(text).find() } };
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\(\?[=!<]|\\[1-9]/.test(pattern)
      ? ' (lookarounds and backreferences are not supported: patterns run in linear time)'
      : '';
    return { ok: false, reason: `"${pattern}" is not a valid regular expression: ${why}${hint}` };
  }
}
