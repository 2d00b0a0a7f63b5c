/**
 * What a shipped text must not cite: documents users do not have (the project's early design notes, section
 * numbers of them, a `shared/` folder), and files the package does not contain (a relative link, a `docs/….md`
 * mention, an anchor that no heading makes). Pure: the caller says which files the package holds.
 */
import { posix } from 'node:path';

export interface Citation {
  /** the file as a package path (or the source file a built one comes from) */
  file: string;
  /** 1-based */
  line: number;
  problem: string;
}

/** What the scanner knows about the package: its files, and the headings of its Markdown files. */
export interface PackageView {
  /** true when the package holds this file, or a folder of that name */
  has(path: string): boolean;
  /** anchors the Markdown file's headings make (undefined: not a Markdown file of the package) */
  anchors(path: string): ReadonlySet<string> | undefined;
}

const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:DESIGN|PROTOCOL)(?:\.md)?\s*§/, 'cites a section of the design notes, which users do not have'],
  [/\b(?:DESIGN|PROTOCOL)\.md\b/, 'cites the design notes (the design or protocol notes), which users do not have'],
  [/§\s*\d/, 'cites a numbered section (§) of a document users do not have'],
  [/(?:\.\.\/)+shared\b|(?<![\w@.-])shared\/[\w.-]+\.md\b/, 'cites the shared/ notes, which users do not have'],
];

/** GitHub's heading anchor: lower case, formatting and punctuation dropped, spaces → hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown text's headings make (repeated headings get -1, -2, …). */
export function markdownAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Relative link targets of a Markdown line: inline links and reference definitions. */
function markdownLinks(line: string): string[] {
  const found: string[] = [];
  const prose = line.replace(/`[^`]*`/g, '');
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(m[1] as string);
  const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose);
  if (def) found.push(def[1] as string);
  return found;
}

/** Relative `href` / `src` targets of an HTML line. */
function htmlLinks(line: string): string[] {
  return [...line.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
}

/** `docs/….md` mentions (also inside `node_modules/alimock/…`), wherever they stand. */
function docsMentions(line: string): string[] {
  return [...line.matchAll(/(?<![\w.-])(?:node_modules\/alimock\/)?(docs\/[\w./-]*[\w-]\.md)(#[\w-]+)?/g)]
    .filter((m) => !/:\/\/\S*$/.test(line.slice(0, m.index)))
    .map((m) => m[1] as string);
}

/** Checks one link target from `file`; a problem, or undefined when it resolves in the package. */
function checkTarget(file: string, target: string, pkg: PackageView): string | undefined {
  if (target === '' || target.startsWith('#') || target.startsWith('/') || SCHEME.test(target)) return undefined;
  if (/[{}$]/.test(target)) return undefined; // a template, not a link
  const [pathPart = '', fragment] = target.split('#', 2) as [string, string | undefined];
  const path = posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(pathPart.split('?')[0] ?? '')));
  if (path.startsWith('..')) return `links to ${target}, outside the package`;
  if (!pkg.has(path.replace(/\/$/, ''))) return `links to ${target}, which the package does not contain`;
  if (fragment !== undefined && fragment !== '') {
    const anchors = pkg.anchors(path);
    if (anchors && !anchors.has(fragment.toLowerCase()))
      return `links to ${target}: ${path} has no heading #${fragment}`;
  }
  return undefined;
}

/** Every citation problem of one shipped text. `kind` picks the link syntax read besides the plain mentions. */
export function scanText(file: string, text: string, pkg: PackageView): Citation[] {
  const kind = file.endsWith('.md') ? 'markdown' : /\.html?$/.test(file) ? 'html' : 'code';
  const found: Citation[] = [];
  const lines = text.split('\n');
  let fenced = false;
  lines.forEach((line, i) => {
    const at = (problem: string) => found.push({ file, line: i + 1, problem });
    const forbidden = FORBIDDEN.find(([re]) => re.test(line));
    if (forbidden) at(forbidden[1]);
    const isFence = kind === 'markdown' && /^\s*(```|~~~)/.test(line);
    if (isFence) fenced = !fenced;
    const links =
      kind === 'markdown' && !fenced && !isFence ? markdownLinks(line) : kind === 'html' ? htmlLinks(line) : [];
    for (const target of links) {
      const problem = checkTarget(file, target, pkg);
      if (problem) at(problem);
    }
    for (const mention of docsMentions(line)) {
      if (!pkg.has(mention)) at(`names ${mention}, which the package does not contain`);
    }
  });
  return found;
}
