/**
 * `--grep` patterns run on a linear-time engine (RE2, via re2js): a pattern like `^(\w+\s?)*$` that makes a
 * backtracking engine run for ever over a scenario title answers at once here. Lookarounds and backreferences,
 * which need backtracking, are refused with a message saying so.
 */
import { RE2JS } from 're2js';

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
    const re = RE2JS.compile(pattern);
    return { ok: true, value: { source: pattern, test: (text) => re.matcher(text).find() } };
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\(\?[=!<]|\\[1-9]/.test(pattern)
      ? ' (lookarounds and backreferences are not supported: patterns run in linear time)'
      : '';
    return { ok: false, reason: `"${pattern}" is not a valid regular expression: ${why}${hint}` };
  }
}
