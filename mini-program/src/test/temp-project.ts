import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a project into a fresh temp folder; answers the folder and a cleanup. */
export function tempProject(files: Record<string, string>): {
  root: string;
  write(path: string, text: string): void;
  remove(): void;
} {
  const root = mkdtempSync(join(tmpdir(), 'alimock-mp-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const MINIMAL: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'T' } }),
  'app.js': 'App({ globalData: { n: 1 } });',
  'pages/index/index.axml': '<view>{{msg}}</view>',
  'pages/index/index.js': "Page({ data: { msg: 'hi' } });",
};
