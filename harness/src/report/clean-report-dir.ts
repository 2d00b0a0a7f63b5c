import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Files a run writes into its report folder (the reporters', the screenshots, the target's log). */
export const REPORT_FILES = [
  'report.json',
  'junit.xml',
  'report.html',
  'summary.md',
  'target.log',
  'screenshots',
  'payloads',
];

/**
 * Removes what an earlier run left in the report folder, before this run starts: a run that dies halfway must not
 * leave the previous run's passing reports behind. Other files in the folder are not touched.
 */
export async function cleanReportDir(dir: string): Promise<void> {
  await Promise.all(REPORT_FILES.map((f) => rm(join(dir, f), { recursive: true, force: true })));
}
