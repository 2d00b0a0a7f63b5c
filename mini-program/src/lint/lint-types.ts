/** What `alimock lint` finds, each with its place and the fix. */
export type LintRule =
  | 'phone-button-open-type'
  | 'phone-button-scope'
  | 'wechat-markup'
  | 'missing-on-error'
  | 'missing-on-get-authorize'
  | 'undefined-handler'
  | 'get-phone-number-outside-authorize'
  | 'syntax-error'
  /** `alimock lint` only: the project does not build (a module not found, an AXML error, a page missing) */
  | 'build-error';

export interface LintFinding {
  rule: LintRule;
  /** project-relative */
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

export type LintResult = { ok: true; value: LintFinding[] } | { ok: false; reason: string };
