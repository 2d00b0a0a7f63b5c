import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { type EmbeddedImage, renderHtml, type ScreenshotMap } from './html-render.js';
import type { RunReport } from './report-types.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const HTML_REPORT_FILE = 'report.html';

const mimeByExt: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/**
 * Writes `<reportDir>/report.html`: one self-contained file (inline CSS and JS, screenshots embedded as
 * data: URIs read from `<reportDir>/<screenshot.path>`), failures first, one collapsible card per scenario.
 */
export function createHtmlReporter(opts: { reportDir: string; fileName?: string }): Reporter {
  const file = join(opts.reportDir, opts.fileName ?? HTML_REPORT_FILE);
  return {
    name: 'html',
    async onRunEnd(report: RunReport) {
      const screenshots = await loadScreenshots(report, opts.reportDir);
      await writeFileAtomic(file, renderHtml(report, screenshots));
    },
  };
}

/** Reads every screenshot the report names; a missing or unusable file becomes `{ ok: false, reason }`. */
export async function loadScreenshots(report: RunReport, reportDir: string): Promise<ScreenshotMap> {
  const paths = new Set<string>();
  for (const s of report.scenarios) {
    for (const st of s.steps) if (st.screenshot) paths.add(st.screenshot.path);
  }
  const map = new Map<string, EmbeddedImage>();
  await Promise.all(
    [...paths].map(async (p) => {
      map.set(p, await embed(reportDir, p));
    }),
  );
  return map;
}

async function embed(reportDir: string, path: string): Promise<EmbeddedImage> {
  const root = resolve(reportDir);
  const abs = resolve(root, path);
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, reason: 'outside the report folder' };
  const mime = mimeByExt[extname(abs).toLowerCase()];
  if (!mime) return { ok: false, reason: 'not an image file' };
  try {
    const bytes = await readFile(abs);
    return { ok: true, dataUri: `data:${mime};base64,${bytes.toString('base64')}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})` };
  }
}
