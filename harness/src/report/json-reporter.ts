import { join } from 'node:path';
import type { RunReport } from './report-types.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const JSON_REPORT_FILE = 'report.json';

/** Writes the RunReport, pretty-printed, to `<reportDir>/report.json` (schema: report-schema.json). */
export function createJsonReporter(opts: { reportDir: string; fileName?: string }): Reporter {
  const file = join(opts.reportDir, opts.fileName ?? JSON_REPORT_FILE);
  return {
    name: 'json',
    async onRunEnd(report: RunReport) {
      await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
