import { createConsoleReporter } from './console-reporter.js';
import { createHtmlReporter } from './html-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createJunitReporter } from './junit-reporter.js';
import { createMarkdownReporter } from './markdown-reporter.js';
import type { Reporter } from './reporter.js';
import { REPORTER_NAMES, type ReporterName } from './reporter-names.js';

export { isReporterName, REPORTER_NAMES, type ReporterName } from './reporter-names.js';

export interface CreateReportersOptions {
  /** where file reporters write (created if missing) */
  reportDir: string;
  /** the console reporter's stream; default process.stdout */
  stream?: NodeJS.WritableStream;
  /** force console colours on/off; default: detected (NO_COLOR respected) */
  color?: boolean;
}

/** Builds the named reporters, in the order given, each at most once. An unknown name is a programmer error. */
export function createReporters(names: ReporterName[], opts: CreateReportersOptions): Reporter[] {
  const { reportDir } = opts;
  return [...new Set(names)].map((name): Reporter => {
    switch (name) {
      case 'console':
        return createConsoleReporter({
          ...(opts.stream ? { stream: opts.stream } : {}),
          ...(opts.color !== undefined ? { color: opts.color } : {}),
        });
      case 'json':
        return createJsonReporter({ reportDir });
      case 'junit':
        return createJunitReporter({ reportDir });
      case 'markdown':
        return createMarkdownReporter({ reportDir });
      case 'html':
        return createHtmlReporter({ reportDir });
      default:
        throw new Error(`unknown reporter "${String(name)}"; expected one of ${REPORTER_NAMES.join(', ')}`);
    }
  });
}
