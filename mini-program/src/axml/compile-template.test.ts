import { describe, expect, it } from 'vitest';
import { compileView } from './compile-template.js';
import type { TNode } from './template-ast.js';

function compile(files: Record<string, string>, components: Record<string, string> = {}) {
  return compileView({ file: 'pages/a/a.axml', read: (p) => files[p], components });
}

const page = (axml: string, more: Record<string, string> = {}) => compile({ 'pages/a/a.axml': axml, ...more });

describe('compileView: the supported subset', () => {
  it('{{ }} in text keeps literal parts and expressions (a lone {{x}} keeps its type)', () => {
    const r = page('<view>Hi {{user.name}}!</view><view>{{count}}</view>');
    expect(r.errors).toEqual([]);
    const [a, b] = r.template.nodes as Array<Extract<TNode, { n: 'el' }>>;
    expect(a?.kids[0]).toEqual({
      n: 'text',
      v: { k: 'cat', parts: ['Hi ', { k: 'mem', o: { k: 'id', n: 'user' }, p: { k: 'lit', v: 'name' } }, '!'] },
    });
    expect(b?.kids[0]).toEqual({ n: 'text', v: { k: 'id', n: 'count' } });
  });

  it('< and > inside {{ }} in text are comparisons, not tags', () => {
    const r = page('<view>{{a < b ? "lt" : "ge"}} {{c > 1}}</view>');
    expect(r.errors).toEqual([]);
    const el = r.template.nodes[0] as Extract<TNode, { n: 'el' }>;
    expect(JSON.stringify(el.kids)).toContain('"op":"<"');
    expect(JSON.stringify(el.kids)).toContain('"op":">"');
  });

  it('a:if / a:elif / a:else become one chain', () => {
    const r = page(
      '<view a:if="{{x > 1}}">big</view>\n  <view a:elif="{{x === 1}}">one</view>\n<view a:else>small</view>',
    );
    expect(r.errors).toEqual([]);
    expect(r.template.nodes).toHaveLength(1);
    const chain = r.template.nodes[0] as Extract<TNode, { n: 'if' }>;
    expect(chain.n).toBe('if');
    expect(chain.br.map((b) => b.test === undefined)).toEqual([false, false, true]);
  });

  it('a:elif without a:if is an error with its place', () => {
    const r = page('<view>x</view>\n<view a:else>y</view>');
    expect(r.errors).toMatchObject([
      { file: 'pages/a/a.axml', line: 2, column: 1, message: expect.stringContaining('a:else') },
    ]);
  });

  it('a:for with a:for-item, a:for-index and a:key; a:if on the same element is tested per item', () => {
    const r = page('<view a:for="{{list}}" a:for-item="row" a:for-index="i" a:key="id" a:if="{{row.on}}">{{i}}</view>');
    expect(r.errors).toEqual([]);
    const loop = r.template.nodes[0] as Extract<TNode, { n: 'for' }>;
    expect(loop).toMatchObject({ n: 'for', item: 'row', index: 'i', key: 'id', list: { k: 'id', n: 'list' } });
    expect(loop.body.n).toBe('if');
  });

  it('a:for defaults to item and index', () => {
    const loop = page('<view a:for="{{list}}">{{item}}</view>').template.nodes[0] as Extract<TNode, { n: 'for' }>;
    expect(loop).toMatchObject({ item: 'item', index: 'index' });
  });

  it('<block> groups without an element', () => {
    const r = page('<block a:if="{{ok}}"><text>a</text><text>b</text></block>');
    const chain = r.template.nodes[0] as Extract<TNode, { n: 'if' }>;
    expect(chain.br[0]?.node).toMatchObject({
      n: 'block',
      kids: [
        { n: 'el', tag: 'text' },
        { n: 'el', tag: 'text' },
      ],
    });
  });

  it('<template name> defines, <template is data> uses (data: an object literal without braces, spread included)', () => {
    const r = page(
      '<template name="row"><text>{{title}}</text></template><template is="row" data="{{...item, title: t}}"/>',
    );
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.template.templates)).toEqual(['row']);
    expect(r.template.nodes).toEqual([
      {
        n: 'tpl',
        is: 'row',
        data: { k: 'obj', p: [{ spread: { k: 'id', n: 'item' } }, { key: 'title', v: { k: 'id', n: 't' } }] },
        loc: { f: 0, l: 1, c: 55 },
      },
    ]);
  });

  it("<import src> brings the other file's templates, not its content", () => {
    const r = page('<import src="/tpl/row.axml"/><template is="row"/>', {
      'tpl/row.axml': '<template name="row"><text>r</text></template><view>not shown</view>',
    });
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.template.templates)).toEqual(['row']);
    expect(r.template.nodes).toHaveLength(1);
    expect(r.template.files).toEqual(['pages/a/a.axml', 'tpl/row.axml']);
  });

  it('<include src> inlines the other file (relative path, .axml added), with its own file in locations', () => {
    const r = page('<view/>\n<include src="./part"/>', { 'pages/a/part.axml': '<text>part</text>' });
    expect(r.errors).toEqual([]);
    expect(r.template.nodes[1]).toMatchObject({ n: 'el', tag: 'text', loc: { f: 1, l: 1, c: 1 } });
    expect(r.template.files[1]).toBe('pages/a/part.axml');
  });

  it('a missing include and an include cycle are errors with the place of src', () => {
    expect(page('<include src="nope.axml"/>').errors[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('does not exist'),
    });
    const cycle = page('<include src="a.axml"/>');
    expect(cycle.errors[0]?.message).toContain('cycle');
  });

  it('hidden, class and style keep their bindings', () => {
    const el = page('<view hidden="{{!shown}}" class="box {{active ? \'on\' : \'\'}}" style="width:{{w}}rpx"/>')
      .template.nodes[0] as Extract<TNode, { n: 'el' }>;
    expect(el.attrs.map((a) => a.name)).toEqual(['hidden', 'class', 'style']);
    expect(el.attrs[0]?.v).toEqual({ k: 'un', op: '!', a: { k: 'id', n: 'shown' } });
    expect(el.attrs[1]?.v).toMatchObject({ k: 'cat' });
  });

  it('every built-in tag of the subset compiles as an element', () => {
    const tags = [
      'view',
      'text',
      'button',
      'image',
      'input',
      'textarea',
      'form',
      'icon',
      'navigator',
      'scroll-view',
      'swiper',
      'swiper-item',
    ];
    const r = page(tags.map((t) => `<${t}/>`).join(''));
    expect(r.errors).toEqual([]);
    expect(r.template.nodes.map((n) => (n as { tag: string }).tag)).toEqual(tags);
  });

  it('events: onTap, catchTap, onInput, onChange, onSubmit, onGetAuthorize, onError (data-* stays an attribute)', () => {
    const el = page(
      '<button onTap="a" catchTap="b" onInput="c" onChange="d" onSubmit="e" onGetAuthorize="f" onError="g" data-id="{{x.id}}"/>',
    ).template.nodes[0] as Extract<TNode, { n: 'el' }>;
    expect(el.on).toEqual([
      { ev: 'tap', handler: 'a', catch: false },
      { ev: 'tap', handler: 'b', catch: true },
      { ev: 'input', handler: 'c', catch: false },
      { ev: 'change', handler: 'd', catch: false },
      { ev: 'submit', handler: 'e', catch: false },
      { ev: 'getAuthorize', handler: 'f', catch: false },
      { ev: 'error', handler: 'g', catch: false },
    ]);
    expect(el.attrs).toEqual([{ name: 'data-id', v: { k: 'mem', o: { k: 'id', n: 'x' }, p: { k: 'lit', v: 'id' } } }]);
  });

  it('a usingComponents tag becomes a component node with its props and handlers', () => {
    const r = compile(
      { 'pages/a/a.axml': '<my-card title="{{t}}" onClose="closed"><text>slot</text></my-card>' },
      { 'my-card': '/components/card/card' },
    );
    expect(r.template.nodes[0]).toMatchObject({
      n: 'comp',
      tag: 'my-card',
      comp: '/components/card/card',
      attrs: [{ name: 'title' }],
      on: [{ ev: 'close', handler: 'closed' }],
      kids: [{ n: 'el', tag: 'text' }],
    });
  });
});

describe('compileView: what is refused, with file:line:column', () => {
  it('an unsupported tag is an error node shown in place, and a diagnostic', () => {
    const r = page('<view/>\n  <picker range="{{r}}"/>');
    expect(r.template.nodes[1]).toMatchObject({
      n: 'err',
      msg: '<picker> is not supported by alimock',
      loc: { l: 2, c: 3 },
    });
    expect(r.errors[0]).toMatchObject({
      file: 'pages/a/a.axml',
      line: 2,
      column: 3,
      hint: expect.stringContaining('usingComponents'),
    });
  });

  it('an unsupported event is a diagnostic (the element still renders)', () => {
    const r = page('<view onTouchMove="m"/>');
    expect(r.template.nodes[0]).toMatchObject({ n: 'el', on: [] });
    expect(r.errors[0]).toMatchObject({ line: 1, column: 7, message: expect.stringContaining('onTouchMove') });
  });

  it("WeChat's bind*/wx: attributes are diagnostics naming the Alipay form", () => {
    const r = page('<view bindtap="x" wx:if="{{y}}"/>');
    expect(r.errors.map((e) => e.hint)).toEqual(['use onTap', 'use a:if']);
  });

  it('function calls, assignments and arrow functions in {{ }} are refused at their column', () => {
    const r = page('<view>{{ save() }}</view>\n<view>{{ a = 1 }}</view>\n<view>{{ () => 1 }}</view>');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
    expect(r.errors[0]?.message).toContain('function calls');
  });

  it('methods of strings/arrays from the allowed list compile', () => {
    const r = page('<view>{{ name.toUpperCase() }} {{ list.join(", ") }}</view>');
    expect(r.errors).toEqual([]);
  });

  it('a tag that is not closed is an error at its start', () => {
    const r = page('<view>\n  <text>open\n</view>');
    expect(r.errors[0]).toMatchObject({ line: 2, column: 3, message: '<text> is not closed' });
  });

  it('an unparsable {{ }} names the problem', () => {
    const r = page('<view class="{{ a + }}"/>');
    expect(r.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('cannot parse') });
  });
});
