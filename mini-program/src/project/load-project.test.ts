import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, tempProject } from '../test/temp-project.js';
import { faqSampleRoot } from './faq-sample.js';
import { loadProject } from './load-project.js';

const made: Array<{ remove(): void }> = [];
const project = (files: Record<string, string>) => {
  const p = tempProject(files);
  made.push(p);
  return p;
};
afterEach(() => {
  for (const p of made.splice(0)) p.remove();
});

describe('loadProject: what is not a project', () => {
  it('a folder that does not exist', async () => {
    expect(await loadProject('/no/such/folder')).toEqual({
      ok: false,
      reason: 'mini-program folder /no/such/folder does not exist',
    });
  });

  it('no app.json: says which folder to point at', async () => {
    const p = project({ 'x.txt': '' });
    const r = await loadProject(p.root);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('no app.json');
  });

  it('app.json that is not JSON: its line and column', async () => {
    const p = project({ 'app.json': '{\n  "pages": [,]\n}' });
    const r = await loadProject(p.root);
    expect(!r.ok && r.reason).toMatch(/^app\.json.* is not valid JSON/);
  });

  it('a page listed but missing', async () => {
    const p = project({ ...MINIMAL, 'app.json': JSON.stringify({ pages: ['pages/index/index', 'pages/gone/gone'] }) });
    const r = await loadProject(p.root);
    expect(!r.ok && r.reason).toBe('app.json lists the page pages/gone/gone, but pages/gone/gone.axml does not exist');
  });

  it('a page without its .js', async () => {
    const { 'pages/index/index.js': _js, ...rest } = MINIMAL;
    const q = project(rest);
    const r = await loadProject(q.root);
    expect(!r.ok && r.reason).toContain('pages/index/index.js (or .ts) does not exist');
  });

  it('--page that app.json does not list', async () => {
    const p = project(MINIMAL);
    const r = await loadProject(p.root, { page: 'pages/other/other' });
    expect(!r.ok && r.reason).toContain('is not listed in app.json');
  });
});

describe('loadProject: a project', () => {
  it('compiles pages, app.acss, page sheets, components, TypeScript, relative modules and static files', async () => {
    const p = project({
      'app.json': JSON.stringify({
        pages: ['pages/index/index', 'pages/two/two'],
        window: { defaultTitle: 'Shop', titleBarColor: '#fff' },
        tabBar: {
          items: [
            { pagePath: 'pages/index/index', name: '首页' },
            { pagePath: 'pages/two/two', name: '我的' },
          ],
        },
      }),
      'app.ts': "import { base } from './utils/base.js';\nApp({ serverUrl: base as string });",
      'utils/base.ts': "export const base: string = 'https://api.example.com';",
      'app.acss': 'page { color: #333; }',
      'pages/index/index.axml': '<card title="x"/><image src="/assets/a.png"/>',
      'pages/index/index.json': JSON.stringify({
        defaultTitle: 'Home',
        usingComponents: { card: '/components/card/card' },
      }),
      'pages/index/index.acss': '.t { margin: 10rpx; }',
      'pages/index/index.js': "const { twice } = require('../../utils/math');\nPage({ data: { n: twice(2) } });",
      'utils/math.js': 'module.exports = { twice: (n) => n * 2 };',
      'pages/two/two.axml': '<view/>',
      'pages/two/two.ts': 'Page({ data: { x: 1 as number } });',
      'components/card/card.axml': '<view class="card">{{title}}</view>',
      'components/card/card.js': "Component({ props: { title: '' } });",
      'components/card/card.acss': '.card { padding: 4rpx; }',
      'assets/a.png': 'png',
    });
    const r = await loadProject(p.root);
    if (!r.ok) throw new Error(r.reason);
    const c = r.value;
    expect(c.diagnostics).toEqual([]);
    expect(c.manifest.entry).toBe('pages/index/index');
    expect(c.manifest.routes).toEqual(['pages/index/index', 'pages/two/two']);
    expect(c.manifest.window).toEqual({ defaultTitle: 'Shop', titleBarColor: '#fff' });
    expect(c.manifest.pages['pages/index/index']?.window).toEqual({ defaultTitle: 'Home' });
    expect(c.manifest.tabBar?.items.map((i) => i.name)).toEqual(['首页', '我的']);
    expect(Object.keys(c.manifest.components)).toEqual(['/components/card/card']);
    expect(c.css).toContain('page { color: #333; }');
    expect(c.css).toContain('page[data-route="pages/index/index"] .t');
    expect(c.css).toContain('.card { padding: calc(4 * var(--rpx)); }');
    for (const id of ['app', 'page:pages/index/index', 'page:pages/two/two', 'component:/components/card/card'])
      expect(c.script.code).toContain(`__amDefine("${id}"`);
    expect(c.script.code).toContain('https://api.example.com');
    expect(JSON.parse(c.script.map).sources).toEqual(
      expect.arrayContaining(['app.ts', 'utils/base.ts', 'utils/math.js', 'pages/two/two.ts']),
    );
    expect(c.assets).toEqual({ 'assets/a.png': join(p.root, 'assets/a.png') });
  });

  it('a JS syntax error is compiled in as a script error with file:line:column', async () => {
    const p = project({
      ...MINIMAL,
      'pages/index/index.js': 'Page({\n  data: { a: 1 },\n  onLoad() { const = 2; }\n});',
    });
    const r = await loadProject(p.root);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.manifest.scriptErrors).toMatchObject([
      { file: 'pages/index/index.js', line: 3, column: 20, message: 'Expected identifier but found "="' },
    ]);
    expect(r.value.diagnostics).toEqual(r.value.manifest.scriptErrors);
  });

  it('a missing module is a script error at the require', async () => {
    const p = project({ ...MINIMAL, 'pages/index/index.js': "require('./nope');\nPage({});" });
    const r = await loadProject(p.root);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.manifest.scriptErrors[0]).toMatchObject({
      file: 'pages/index/index.js',
      line: 1,
      message: expect.stringContaining('./nope'),
    });
  });

  it('template problems stay with their page', async () => {
    const p = project({ ...MINIMAL, 'pages/index/index.axml': '<view/>\n<picker/>' });
    const r = await loadProject(p.root);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.manifest.pages['pages/index/index']?.errors).toMatchObject([
      { file: 'pages/index/index.axml', line: 2 },
    ]);
  });

  it('is bundled once and reused while no file changed; a change rebuilds', async () => {
    const p = project(MINIMAL);
    const first = await loadProject(p.root);
    const second = await loadProject(p.root);
    expect(second.ok && first.ok && second.value).toBe(first.ok && first.value);
    p.write('pages/index/index.js', "Page({ data: { msg: 'changed' } });");
    const future = new Date(Date.now() + 5_000);
    utimesSync(join(p.root, 'pages/index/index.js'), future, future);
    const third = await loadProject(p.root);
    expect(third.ok && third.value.script.code).toContain('changed');
    expect(third.ok && first.ok && third.value.hash !== first.value.hash).toBe(true);
  });

  it('a one-file page script runs as the first page of the FAQ sample project', async () => {
    const p = project({ 'legacy.js': "Page({ data: { canIUseAuthButton: true, message: 'legacy' } });" });
    const r = await loadProject(faqSampleRoot(), {
      pageScript: {
        path: join(p.root, 'legacy.js'),
        source: "Page({ data: { canIUseAuthButton: true, message: 'legacy' } });",
      },
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.script.code).toContain("message: 'legacy'".replace(/'/g, '"'));
    expect(r.value.script.code).not.toContain('__alimockPhoneRequest');
  });
});
