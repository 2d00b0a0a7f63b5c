/**
 * Every text the package ships cites only what its users have: no design notes or their section numbers, no
 * `shared/` folder, and every relative link, `docs/….md` mention and Markdown anchor resolves inside the package.
 * The files are the ones `npm pack` lists; a built file is read from its source, so a failure names the line to fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Citation, markdownAnchors, type PackageView, scanText, slug } from './test/citations.js';
import { packageView, packedPaths, type ScannedFile, shippedTexts, sourceOf } from './test/package-files.js';

/** A package of the given files, for the scanner's own tests. */
function fakePackage(files: Record<string, string>): PackageView {
  const paths = Object.keys(files);
  return {
    has: (p) => paths.includes(p) || paths.some((f) => f.startsWith(`${p}/`)),
    anchors: (p) => (p.endsWith('.md') && files[p] !== undefined ? markdownAnchors(files[p]) : undefined),
  };
}

const scan = (file: string, text: string, files: Record<string, string> = {}) =>
  scanText(file, text, fakePackage(files)).map((c) => `${c.line}: ${c.problem}`);

/** The names the scanner looks for, assembled so that this file does not cite them itself. */
const NOTES = { design: ['DES', 'IGN'].join(''), protocol: ['PROTO', 'COL'].join(''), section: '\u00a7' };

describe('the scanner', () => {
  it('finds citations of the design notes, their sections and the shared folder', () => {
    expect(scan('a.ts', `// see ${NOTES.protocol} ${NOTES.section}6 mistake 2`)).toHaveLength(1);
    expect(scan('a.ts', `const x = 1; /* ${NOTES.design}.md */`)).toHaveLength(1);
    expect(scan('a.md', `the verdict rule (${NOTES.section}5)`)).toHaveLength(1);
    expect(scan('a.ts', `/** questions of the FAQ (${'shared'}/FAQ.md) */\nconst q = '../${'shared'}/x';`)).toEqual([
      '1: cites the shared/ notes, which users do not have',
      '2: cites the shared/ notes, which users do not have',
    ]);
    expect(scan('a.ts', 'a shared/global state; the DESIGN of the page; PROTOCOL_VERSION')).toEqual([]);
  });

  it('checks relative Markdown links, folders and anchors against the package', () => {
    const files = { 'docs/a.md': '# Title\n## The `x` step\n## Title\n', 'examples/ci/run.yml': '' };
    expect(scan('README.md', '[a](docs/a.md) [b](docs/a.md#the-x-step) [c](examples/ci/) [d](#local)', files)).toEqual(
      [],
    );
    expect(scan('README.md', 'see [the bench](bench/README.md)', files)).toEqual([
      '1: links to bench/README.md, which the package does not contain',
    ]);
    expect(scan('docs/b.md', '[up](../docs/a.md#title-1) [gone](a.md#nope)', files)).toEqual([
      '1: links to a.md#nope: docs/a.md has no heading #nope',
    ]);
    expect(scan('docs/b.md', '[out](../../elsewhere.md)', files)).toEqual([
      '1: links to ../../elsewhere.md, outside the package',
    ]);
    expect(scan('README.md', '[web](https://example.com/x.md) `[not](missing.md)` in code', files)).toEqual([]);
    expect(scan('README.md', '```sh\n[x](missing.md)\n```', files)).toEqual([]);
  });

  it('checks docs/….md mentions in any text, and HTML links', () => {
    const files = { 'docs/doctor.md': '# Doctor\n', 'assets/page/app.js': '' };
    expect(scan('a.js', "const doc = 'docs/doctor.md'; // node_modules/alimock/docs/doctor.md", files)).toEqual([]);
    expect(scan('a.js', "throw new Error('see docs/protocol.md');", files)).toEqual([
      '1: names docs/protocol.md, which the package does not contain',
    ]);
    expect(scan('a.js', "'https://github.com/o/r/blob/main/docs/x.md'", files)).toEqual([]);
    expect(scan('assets/page/index.html', '<script src="app.js"></script><a href="/stub/">', files)).toEqual([]);
    expect(scan('assets/page/index.html', '<link href="style.css">', files)).toEqual([
      '1: links to style.css, which the package does not contain',
    ]);
  });

  it('makes anchors the way GitHub does', () => {
    expect(slug('Step `verify`: the signature')).toBe('step-verify-the-signature');
    expect(slug('#### `plus-became-space`'.replace(/^#+ /, ''))).toBe('plus-became-space');
    expect(slug('1. Verifying without the quotes')).toBe('1-verifying-without-the-quotes');
    expect(slug('`alimock/vitest`: useAlimockGateway()')).toBe('alimockvitest-usealimockgateway');
  });

  it('reads a built file from its source', () => {
    expect(sourceOf('dist/harness/src/cli/program.js')).toBe('harness/src/cli/program.ts');
    expect(sourceOf('dist/harness/src/cli/program.d.ts')).toBe('harness/src/cli/program.ts');
    expect(sourceOf('docs/doctor.md')).toBeUndefined();
  });
});

describe('the package', () => {
  let paths: string[];
  let texts: ScannedFile[];
  let found: Citation[];
  beforeAll(() => {
    paths = packedPaths();
    texts = shippedTexts(paths);
    const view = packageView(paths);
    found = texts.flatMap((t) => scanText(t.file, t.text, view));
  }, 60_000);

  it('is what npm pack lists, docs/ and README included', () => {
    expect(paths).toContain('README.md');
    expect(paths).toContain('docs/README.md');
    expect(paths.some((p) => p.startsWith('dist/'))).toBe(true);
    expect(texts.length).toBeGreaterThan(50);
  });

  it('cites only what it ships', () => {
    const listed = found.map((c) => `${c.file}:${c.line}  ${c.problem}`);
    expect(
      listed,
      `${listed.length} citation(s) of something the package does not ship (file:line; a built file is named by its source):\n${listed.join('\n')}\n`,
    ).toEqual([]);
  });
});
