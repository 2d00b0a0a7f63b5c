/**
 * The files the package ships, as `npm pack` lists them (package.json "files", npm's own rules), and the text a
 * citation scan reads for each: a built `dist/…` file is read from the source it is compiled from (the same
 * strings and comments, at the lines a person edits), other files as they are.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownAnchors, type PackageView } from './citations.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Extensions of the shipped texts that are scanned (everything else is binary or key material). */
const TEXT = /\.(md|js|mjs|cjs|ts|d\.ts|json|html|css|yml|yaml|sh|go|java|php|py|axml|acss|txt)$/;
/** Key material and generated maps: nothing in them is a citation. */
const SKIPPED = /^keys\/(?!README\.md$)|\.map$/;

const listed = new Map<string, string[]>();

/**
 * `npm pack --dry-run --json`: the paths the package would hold, without running the build scripts. Listed once per
 * test process (npm costs about 3 CPU seconds to start; files of one worker share the answer).
 */
export function packedPaths(root = ROOT): string[] {
  let paths = listed.get(root);
  if (!paths) {
    paths = listPacked(root);
    listed.set(root, paths);
  }
  return [...paths];
}

function listPacked(root: string): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return (parsed[0]?.files ?? []).map((f) => f.path).sort();
}

export interface ScannedFile {
  /** where a person fixes it: the source of a built file, else the package path */
  file: string;
  text: string;
}

/** The source a built file comes from (`dist/a/b.js`, `dist/a/b.d.ts` → `a/b.ts`), when it exists. */
export function sourceOf(packagePath: string, root = ROOT): string | undefined {
  if (!packagePath.startsWith('dist/')) return undefined;
  const source = packagePath.slice('dist/'.length).replace(/(\.d\.ts|\.js)$/, '.ts');
  return source !== packagePath && source.endsWith('.ts') && existsSync(join(root, source)) ? source : undefined;
}

/** The shipped texts to scan, each once (a `.js` and its `.d.ts` share one source). */
export function shippedTexts(paths: readonly string[], root = ROOT): ScannedFile[] {
  const seen = new Set<string>();
  const files: ScannedFile[] = [];
  for (const path of paths) {
    if (!TEXT.test(path) || SKIPPED.test(path)) continue;
    const file = sourceOf(path, root) ?? path;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push({ file, text: readFileSync(join(root, file), 'utf8') });
  }
  return files;
}

/** What the scanner may resolve against: the packed paths, their folders, and the anchors of Markdown files. */
export function packageView(paths: readonly string[], root = ROOT): PackageView {
  const all = new Set(paths);
  for (const p of paths) {
    let dir = dirname(p);
    while (dir !== '.' && !all.has(dir)) {
      all.add(dir);
      dir = dirname(dir);
    }
  }
  const anchors = new Map<string, Set<string>>();
  return {
    has: (path) => all.has(path),
    anchors(path) {
      if (!path.endsWith('.md') || !paths.includes(path)) return undefined;
      let found = anchors.get(path);
      if (!found) {
        found = markdownAnchors(readFileSync(join(root, path), 'utf8'));
        anchors.set(path, found);
      }
      return found;
    },
  };
}
