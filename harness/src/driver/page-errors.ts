/**
 * Page errors as the page logged them (`error` events: a syntax or runtime error, an unhandled rejection, a template
 * the runtime refused, a problem the host met), each with its place in the project: file:line:column.
 */
import type { PageEvent } from './in-page.js';

export interface PageError {
  name: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export function pageErrorsOf(events: readonly PageEvent[]): PageError[] {
  return events
    .filter((e) => e.kind === 'error' && e.name !== 'page-load')
    .map((e) => {
      const err = (e.error ?? {}) as { message?: unknown; file?: unknown; line?: unknown; column?: unknown };
      return {
        name: e.name,
        message: typeof err.message === 'string' ? err.message : JSON.stringify(e.error ?? '').slice(0, 300),
        ...(typeof err.file === 'string' ? { file: err.file } : {}),
        ...(typeof err.line === 'number' ? { line: err.line } : {}),
        ...(typeof err.column === 'number' ? { column: err.column } : {}),
      };
    });
}

/** `pages/bind/bind.js:12:5: TypeError: …` (or the message alone when the place is unknown). */
export function describePageError(e: PageError | PageEvent): string {
  const err = 'message' in e ? e : pageErrorsOf([e as PageEvent])[0];
  if (!err) return 'a page error';
  if (err.name === 'host') return `the harness could not serve the page: ${err.message}`;
  const place = err.file
    ? `${err.file}${err.line !== undefined ? `:${err.line}${err.column !== undefined ? `:${err.column}` : ''}` : ''}: `
    : '';
  return `${place}${err.message}`.slice(0, 500);
}
