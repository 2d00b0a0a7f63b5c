/** A problem in a team's project, with its place (project-relative file, 1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** what to do about it */
  hint?: string;
}

/** `pages/index/index.axml:3:5 message (hint)` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}
