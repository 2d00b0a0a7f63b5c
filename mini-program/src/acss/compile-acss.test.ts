import { describe, expect, it } from 'vitest';
import { compileAcss } from './compile-acss.js';
import { convertRpx } from './rpx.js';

const sheet = (files: Record<string, string>, scope?: string) =>
  compileAcss({ file: 'pages/a/a.acss', read: (p) => files[p], ...(scope ? { scope } : {}) });

describe('compileAcss', () => {
  it('rpx (750-wide design) becomes a multiple of --rpx, other units stay', () => {
    const r = sheet({ 'pages/a/a.acss': '.a { margin: 20rpx 10px -4.5rpx .5rpx; width: 100%; }' });
    expect(r.css).toContain('margin: calc(20 * var(--rpx)) 10px calc(-4.5 * var(--rpx)) calc(.5 * var(--rpx))');
    expect(r.css).toContain('width: 100%');
    expect(convertRpx('margin-top:200rpx')).toBe('margin-top:calc(200 * var(--rpx))');
  });

  it('@import is inlined: relative, absolute from the root, .acss added', () => {
    const r = sheet({
      'pages/a/a.acss': '@import "./base";\n@import "/styles/theme.acss";\n.a { color: red; }',
      'pages/a/base.acss': '.base { padding: 2rpx; }',
      'styles/theme.acss': '.theme { color: blue; }',
    });
    expect(r.errors).toEqual([]);
    expect(r.css.indexOf('.base')).toBeLessThan(r.css.indexOf('.theme'));
    expect(r.css).toContain('padding: calc(2 * var(--rpx))');
    expect(r.css).not.toContain('@import');
    expect(r.files).toEqual(['pages/a/a.acss', 'pages/a/base.acss', 'styles/theme.acss']);
  });

  it('a missing @import is an error at its line; a cycle is refused', () => {
    const r = sheet({ 'pages/a/a.acss': '.a {}\n@import "./gone.acss";' });
    expect(r.errors).toMatchObject([
      { file: 'pages/a/a.acss', line: 2, column: 1, message: expect.stringContaining('does not exist') },
    ]);
    const c = sheet({ 'pages/a/a.acss': '@import "./a.acss";' });
    expect(c.errors[0]?.message).toContain('cycle');
  });

  it("a page's sheet is scoped to its page; `page` is the page's root; keyframes are left alone", () => {
    const r = sheet(
      {
        'pages/a/a.acss':
          'page { background: #eee; }\n.x, view > .y { color: red; }\n@keyframes k { from { opacity: 0 } to { opacity: 1 } }',
      },
      'page[data-route="pages/a/a"]',
    );
    expect(r.css).toContain('page[data-route="pages/a/a"] {');
    expect(r.css).toContain('page[data-route="pages/a/a"] .x, page[data-route="pages/a/a"] view > .y');
    expect(r.css).toContain('from {');
  });

  it('url() is made relative to the project root (where the sheet is served)', () => {
    const r = sheet({
      'pages/a/a.acss':
        '.a { background: url(../../img/bg.png); } .b { background: url("/img/x.png"); } .c { background: url(data:image/png;base64,AA) }',
    });
    expect(r.css).toContain('url("img/bg.png")');
    expect(r.css).toContain('url("img/x.png")');
    expect(r.css).toContain('url(data:image/png;base64,AA)');
  });

  it('a CSS syntax error is reported with its line and column', () => {
    const r = sheet({ 'pages/a/a.acss': '.a {\n  color: red;\n' });
    expect(r.errors[0]).toMatchObject({
      file: 'pages/a/a.acss',
      line: 1,
      column: 1,
      message: expect.stringContaining('CSS syntax error'),
    });
  });
});
