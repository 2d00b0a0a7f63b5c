/**
 * AXML → CompiledTemplate: directives (`a:if`/`a:elif`/`a:else`, `a:for` & co), `<block>`, `<template name>` /
 * `<template is>`, `<import>`, `<include>`, `<slot>`, custom components, events and bound attributes. Problems are
 * collected with their place and never stop the compilation: an unsupported tag becomes an error node shown in the
 * page, so a page with a mistake still renders everything else.
 */
import type { Diagnostic } from '../diagnostic.js';
import { resolveProjectPath, withExtension } from '../project/project-path.js';
import { compileBind, hasBinding } from './expression.js';
import { LineIndex } from './line-index.js';
import { parseAxml, type RawAttr, type RawNode } from './parse-axml.js';
import {
  DIRECTIVES,
  eventAttribute,
  STRUCTURE_TAGS,
  SUPPORTED_EVENTS,
  SUPPORTED_TAGS,
  wechatAttribute,
} from './tags.js';
import type { Attr, Bind, CompiledTemplate, EventBinding, Expr, Loc, TNode } from './template-ast.js';

export interface CompileViewOptions {
  /** project-relative path of the view's .axml */
  file: string;
  /** reads a project file (project-relative path); undefined when it does not exist */
  read(path: string): string | undefined;
  /** custom component tags of this view → component path (`/components/card/card`) */
  components?: Readonly<Record<string, string>>;
}

export interface CompiledView {
  template: CompiledTemplate;
  errors: Diagnostic[];
  /** every file read (for the cache) */
  files: string[];
}

type RawEl = Extract<RawNode, { type: 'el' }>;
type Cond = { kind: 'if' | 'elif'; test: Bind } | { kind: 'else' };

interface FileUnit {
  index: number;
  lines: LineIndex;
  nodes: RawNode[];
}

class ViewCompiler {
  readonly files: string[] = [];
  readonly errors: Diagnostic[] = [];
  readonly templates: Record<string, TNode[]> = {};
  readonly units = new Map<string, FileUnit | null>();
  /** files being included/imported right now (cycles) */
  private readonly active = new Set<string>();

  constructor(private readonly options: CompileViewOptions) {}

  unit(file: string): FileUnit | null {
    const known = this.units.get(file);
    if (known !== undefined) return known;
    const text = this.options.read(file);
    if (text === undefined) {
      this.units.set(file, null);
      return null;
    }
    const index = this.files.push(file) - 1;
    const lines = new LineIndex(text);
    const parsed = parseAxml(text);
    const unit = { index, lines, nodes: parsed.nodes };
    this.units.set(file, unit);
    for (const e of parsed.errors) this.report(unit, e.offset, e.message, e.hint);
    return unit;
  }

  loc(unit: FileUnit, offset: number): Loc {
    const { line, column } = unit.lines.at(offset);
    return { f: unit.index, l: line, c: column };
  }

  report(unit: FileUnit, offset: number, message: string, hint?: string): Loc {
    const loc = this.loc(unit, offset);
    this.errors.push({
      file: this.files[unit.index] as string,
      line: loc.l,
      column: loc.c,
      message,
      ...(hint ? { hint } : {}),
    });
    return loc;
  }

  bind(unit: FileUnit, text: string, offset: number, asObject = false): Bind | undefined {
    if (!asObject && !hasBinding(text)) return text;
    const r = compileBind(text, offset, { asObject });
    if (r.ok) return r.value;
    this.report(unit, r.error.offset, r.error.message, r.error.hint);
    return undefined;
  }

  /** Compiles a whole file's top level (the page, an include, or an import's template definitions). */
  compileFile(file: string, from: { unit: FileUnit; at: number } | undefined, what: string): TNode[] {
    if (this.active.has(file)) {
      if (from) this.report(from.unit, from.at, `${what} ${file} includes itself (a cycle)`);
      return [];
    }
    const unit = this.unit(file);
    if (!unit) {
      if (from) this.report(from.unit, from.at, `${what} ${file} does not exist`, 'check the src path');
      return [];
    }
    this.active.add(file);
    try {
      return this.children(unit, unit.nodes);
    } finally {
      this.active.delete(file);
    }
  }

  children(unit: FileUnit, raw: RawNode[]): TNode[] {
    const out: TNode[] = [];
    let chain: Extract<TNode, { n: 'if' }> | undefined;
    for (const node of raw) {
      if (node.type === 'text') {
        if (node.text.trim() === '') continue;
        chain = undefined;
        const v = this.bind(unit, node.text, node.at);
        if (v !== undefined) out.push({ n: 'text', v });
        continue;
      }
      const result = this.element(unit, node);
      if (!result) continue;
      const { node: compiled, cond } = result;
      if (!cond) {
        out.push(...compiled);
        chain = undefined;
      } else if (cond.kind === 'if') {
        chain = { n: 'if', br: [{ test: cond.test, node: block(compiled) }] };
        out.push(chain);
      } else if (!chain) {
        this.report(
          unit,
          node.at,
          `a:${cond.kind} without an a:if right before it`,
          'put it on the next sibling of an a:if element',
        );
        out.push(...compiled);
      } else {
        chain.br.push(cond.kind === 'else' ? { node: block(compiled) } : { test: cond.test, node: block(compiled) });
        if (cond.kind === 'else') chain = undefined;
      }
    }
    return out;
  }

  /** One element → nodes (several for an include), with its a:if/a:elif/a:else condition when it has one. */
  element(unit: FileUnit, el: RawEl): { node: TNode[]; cond?: Cond } | undefined {
    const loc = this.loc(unit, el.at);
    const attr = (name: string) => el.attrs.find((a) => a.name === name);
    for (const a of el.attrs) {
      if (a.name.startsWith('a:') && !DIRECTIVES.has(a.name))
        this.report(
          unit,
          a.at,
          `unknown directive ${a.name}`,
          'supported: a:if, a:elif, a:else, a:for, a:for-item, a:for-index, a:key',
        );
    }

    // structure tags that are not rendered in place
    if (el.tag === 'import') {
      const src = attr('src');
      if (!src) this.report(unit, el.at, '<import> needs src');
      else this.importFile(unit, el, src);
      return undefined;
    }
    if (el.tag === 'template' && attr('name')) {
      const name = attr('name')?.value ?? '';
      this.templates[name] ??= this.children(unit, el.kids);
      return undefined;
    }

    let cond: Cond | undefined;
    const ifA = attr('a:if');
    const elifA = attr('a:elif');
    const elseA = attr('a:else');
    if (ifA) cond = { kind: 'if', test: this.bind(unit, ifA.value, ifA.valueAt) ?? { k: 'lit', v: false } };
    else if (elifA)
      cond = { kind: 'elif', test: this.bind(unit, elifA.value, elifA.valueAt) ?? { k: 'lit', v: false } };
    else if (elseA) cond = { kind: 'else' };

    let nodes = this.body(unit, el, loc);
    const forA = attr('a:for');
    if (forA) {
      const list = this.bind(unit, forA.value, forA.valueAt) ?? '';
      const key = attr('a:key')?.value;
      let body = block(nodes);
      if (cond?.kind === 'if') body = { n: 'if', br: [{ test: cond.test, node: body }] };
      else if (cond)
        this.report(unit, el.at, `a:${cond.kind} cannot be combined with a:for`, 'wrap the a:for element in a <block>');
      cond = undefined;
      nodes = [
        {
          n: 'for',
          list,
          item: attr('a:for-item')?.value || 'item',
          index: attr('a:for-index')?.value || 'index',
          ...(key ? { key } : {}),
          body,
          loc,
        },
      ];
    }
    return cond ? { node: nodes, cond } : { node: nodes };
  }

  private importFile(unit: FileUnit, el: RawEl, src: RawAttr): void {
    const file = this.path(unit, el, src.value);
    if (file === undefined) return;
    // an imported file contributes its <template name> definitions (and its own imports); its other content is not shown
    this.compileFile(file, { unit, at: src.valueAt }, '<import>');
  }

  private path(unit: FileUnit, el: RawEl, written: string): string | undefined {
    const from = this.files[unit.index] as string;
    const resolved = resolveProjectPath(from, withExtension(written, '.axml'));
    if (resolved === undefined) this.report(unit, el.at, `${written} points outside the project`);
    return resolved;
  }

  /** The element itself, without its if/for directives. */
  private body(unit: FileUnit, el: RawEl, loc: Loc): TNode[] {
    const attr = (name: string) => el.attrs.find((a) => a.name === name);
    switch (el.tag) {
      case 'block':
        return [{ n: 'block', kids: this.children(unit, el.kids) }];
      case 'include': {
        const src = attr('src');
        if (!src) {
          this.report(unit, el.at, '<include> needs src');
          return [];
        }
        const file = this.path(unit, el, src.value);
        return file === undefined ? [] : this.compileFile(file, { unit, at: src.valueAt }, '<include>');
      }
      case 'template': {
        const is = attr('is');
        if (!is) {
          const msg = '<template> needs name (a definition) or is (a use)';
          return [{ n: 'err', msg, loc: this.report(unit, el.at, msg) }];
        }
        const isBind = this.bind(unit, is.value, is.valueAt) ?? '';
        const data = attr('data');
        const dataExpr = data ? this.bind(unit, data.value, data.valueAt, true) : undefined;
        return [
          {
            n: 'tpl',
            is: isBind,
            ...(dataExpr !== undefined && typeof dataExpr !== 'string' ? { data: dataExpr as Expr } : {}),
            loc,
          },
        ];
      }
      case 'slot': {
        const name = attr('name')?.value;
        return [{ n: 'slot', ...(name ? { name } : {}), kids: this.children(unit, el.kids) }];
      }
      case 'import-sjs': {
        const msg = '<import-sjs> (SJS modules) is not supported by alimock';
        return [
          {
            n: 'err',
            msg,
            loc: this.report(unit, el.at, msg, 'compute the values in the page JS and put them in data'),
          },
        ];
      }
    }
    const component = this.options.components?.[el.tag];
    if (component === undefined && !SUPPORTED_TAGS.has(el.tag)) {
      const msg = `<${el.tag}> is not supported by alimock`;
      const hint = STRUCTURE_TAGS.has(el.tag)
        ? undefined
        : `supported: ${[...SUPPORTED_TAGS].join(', ')}, and components declared in usingComponents`;
      return [{ n: 'err', msg, loc: this.report(unit, el.at, msg, hint) }];
    }
    const attrs: Attr[] = [];
    const on: EventBinding[] = [];
    for (const a of el.attrs) {
      if (DIRECTIVES.has(a.name) || a.name.startsWith('a:')) continue;
      const wechat = wechatAttribute(a.name);
      if (wechat) {
        this.report(unit, a.at, `${a.name} is WeChat syntax, not Alipay's`, `use ${wechat.alipay}`);
        continue;
      }
      const event = eventAttribute(a.name);
      if (event) {
        if (component === undefined && !SUPPORTED_EVENTS.has(event.ev)) {
          this.report(
            unit,
            a.at,
            `the event ${a.name} is not supported by alimock`,
            `supported: ${[...SUPPORTED_EVENTS].map((e) => `on${e[0]?.toUpperCase()}${e.slice(1)}`).join(', ')}`,
          );
          continue;
        }
        const handler = this.bind(unit, a.value, a.valueAt);
        if (handler !== undefined) on.push({ ev: event.ev, handler, catch: event.catch });
        continue;
      }
      const v = this.bind(unit, a.value, a.valueAt);
      if (v !== undefined) attrs.push({ name: a.name, v });
    }
    const kids = this.children(unit, el.kids);
    return component === undefined
      ? [{ n: 'el', tag: el.tag, attrs, on, kids, loc }]
      : [{ n: 'comp', tag: el.tag, comp: component, attrs, on, kids, loc }];
  }
}

function block(nodes: TNode[]): TNode {
  return nodes.length === 1 ? (nodes[0] as TNode) : { n: 'block', kids: nodes };
}

/** Compiles one view (a page's or a component's .axml with everything it imports and includes). */
export function compileView(options: CompileViewOptions): CompiledView {
  const compiler = new ViewCompiler(options);
  const nodes = compiler.compileFile(options.file, undefined, 'the view');
  if (compiler.units.get(options.file) === null) {
    compiler.errors.push({ file: options.file, line: 1, column: 1, message: `${options.file} does not exist` });
  }
  return {
    template: { nodes, templates: compiler.templates, files: compiler.files },
    errors: compiler.errors,
    files: compiler.files,
  };
}
