/**
 * Renders a compiled view into detached DOM (then morphed into the page, see morph.ts). Built-in tags become plain
 * elements named as in AXML (`view`, `text`, …; `image` holds an `img`; `button`, `input`, `textarea`, `form` are the
 * native ones), so ACSS type selectors keep working. Custom components render their own template inside their tag.
 */
import { convertRpx } from '../../acss/rpx.js';
import type { Bind, CompiledTemplate, Loc, TNode } from '../../axml/template-ast.js';
import { type AmElement, type AmProps, datasetKey, type ElementBinding, type Owner } from './element-props.js';
import { type Scope, text, value } from './evaluate.js';

/** What a component node needs from the page that renders it. */
export interface ComponentSlotHost {
  /** the component instance for `key` (created on first sight), its owner record, and its scope */
  component(
    key: string,
    path: string,
    props: Record<string, unknown>,
    parent: Owner,
  ): { owner: Owner; scope: Scope } | { error: string };
  /** a problem met while rendering (reported once per page) */
  problem(message: string, at: string): void;
}

interface Ctx {
  owner: Owner;
  scope: Scope;
  key: string;
  host: ComponentSlotHost;
  /** the children given to the component being rendered, with the context they belong to */
  slot?: { kids: TNode[]; ctx: Ctx };
}

const BOOLEAN_ATTRS = new Set([
  'disabled',
  'checked',
  'readonly',
  'hidden',
  'loading',
  'selected',
  'autofocus',
  'focus',
]);
const NATIVE: Record<string, string> = {
  button: 'button',
  input: 'input',
  textarea: 'textarea',
  form: 'form',
  label: 'label',
};
const ICONS: Record<string, string> = {
  success: '✔',
  success_no_circle: '✓',
  info: 'ℹ',
  warn: '!',
  waiting: '◷',
  clear: '✕',
  cancel: '✕',
  download: '↓',
  search: '⌕',
  loading: '◌',
};

export function placeOf(template: CompiledTemplate, loc: Loc): string {
  return `${template.files[loc.f] ?? '?'}:${loc.l}:${loc.c}`;
}

const isFalse = (v: unknown) => v === false || v === 'false' || v === null || v === undefined;

function attrValue(b: Bind, ctx: Ctx): unknown {
  return value(b, ctx.scope);
}

function applyAttrs(
  el: HTMLElement,
  tag: string,
  attrs: Array<{ name: string; v: Bind }>,
  ctx: Ctx,
  props: AmProps,
): void {
  const classes: string[] = [];
  for (const a of attrs) {
    const v = attrValue(a.v, ctx);
    const name = a.name;
    if (name.startsWith('data-')) {
      props.dataset[datasetKey(name)] = v;
      if (v !== undefined && v !== null && typeof v !== 'object') el.setAttribute(name, String(v));
      continue;
    }
    if (name === 'class') {
      classes.push(text(v));
      continue;
    }
    if (name === 'style') {
      const s = text(v);
      if (s !== '') el.setAttribute('style', convertRpx(s));
      continue;
    }
    if (BOOLEAN_ATTRS.has(name)) {
      if (!isFalse(v)) el.setAttribute(name, '');
      continue;
    }
    if (tag === 'button' && name === 'type') {
      el.setAttribute('data-am-type', text(v));
      classes.push(`am-button-${text(v)}`);
      continue;
    }
    if ((tag === 'input' || tag === 'textarea') && name === 'value') {
      (el as HTMLInputElement).value = text(v);
      el.setAttribute('value', text(v));
      continue;
    }
    if (tag === 'input' && name === 'type') {
      const t = text(v);
      if (['number', 'digit', 'idcard', 'numberpad', 'digitpad', 'idcardpad'].includes(t))
        el.setAttribute('inputmode', t.startsWith('digit') ? 'decimal' : 'numeric');
      el.setAttribute('data-am-type', t);
      continue;
    }
    if (tag === 'input' && name === 'password') {
      if (!isFalse(v)) (el as HTMLInputElement).type = 'password';
      continue;
    }
    if (v === undefined || v === null || v === false) continue;
    try {
      el.setAttribute(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    } catch {
      // not a valid DOM attribute name: nothing to show
    }
  }
  const cls = [el.className, ...classes].join(' ').trim();
  if (cls !== '') el.setAttribute('class', cls);
}

function createElement(tag: string, attrs: Array<{ name: string; v: Bind }>, ctx: Ctx): HTMLElement {
  const el = document.createElement(NATIVE[tag] ?? tag);
  if (tag === 'button') {
    const formType = attrs.find((a) => a.name === 'form-type');
    const t = formType ? text(attrValue(formType.v, ctx)) : '';
    (el as HTMLButtonElement).type = t === 'submit' || t === 'reset' ? t : 'button';
    el.classList.add('am-button');
  }
  return el;
}

/** The project's base URL (the page shell is served at the project's root). */
const BASE = new URL('./', location.href);

/** An `src` written in the project → its URL: `/x` from the project root, `x` or `../x` from the view's folder. */
export function assetUrl(src: string, viewPath: string): string {
  if (/^([a-z]+:|\/\/)/i.test(src)) return src;
  if (src.startsWith('/')) return new URL(src.slice(1), BASE).href;
  return new URL(src, new URL(viewPath.replace(/^\//, ''), BASE)).href;
}

function finishElement(el: HTMLElement, tag: string, owner: Owner): void {
  if (tag === 'image') {
    const img = document.createElement('img');
    const src = el.getAttribute('src');
    if (src) img.setAttribute('src', assetUrl(src, owner.name));
    img.setAttribute('alt', el.getAttribute('alt') ?? '');
    img.setAttribute('draggable', 'false');
    el.append(img);
  } else if (tag === 'icon') {
    const type = el.getAttribute('type') ?? '';
    if (el.childNodes.length === 0) el.textContent = ICONS[type] ?? '•';
    const size = el.getAttribute('size');
    const color = el.getAttribute('color');
    if (size) el.style.fontSize = /^\d+$/.test(size) ? `${size}px` : convertRpx(size);
    if (color) el.style.color = color;
  } else if (tag === 'textarea' || tag === 'input') {
    // morphdom compares the value property
    const v = el.getAttribute('value');
    if (v !== null) (el as HTMLInputElement).value = v;
  }
}

function renderNodes(nodes: TNode[], ctx: Ctx, parent: Node, keyBase: string): void {
  nodes.forEach((node, i) => {
    renderNode(node, ctx, parent, `${keyBase}.${i}`);
  });
}

function renderNode(node: TNode, ctx: Ctx, parent: Node, key: string): void {
  switch (node.n) {
    case 'text': {
      const s = text(value(node.v, ctx.scope));
      if (s !== '') parent.appendChild(document.createTextNode(s));
      return;
    }
    case 'block':
      renderNodes(node.kids, ctx, parent, key);
      return;
    case 'if': {
      const index = node.br.findIndex((b) => b.test === undefined || value(b.test, ctx.scope));
      const branch = node.br[index];
      if (branch) renderNode(branch.node, ctx, parent, `${key}:${index}`);
      return;
    }
    case 'for': {
      const list = value(node.list, ctx.scope);
      const entries: Array<[unknown, unknown]> = Array.isArray(list)
        ? list.map((v, i) => [i, v])
        : typeof list === 'number'
          ? Array.from({ length: Math.max(0, Math.floor(list)) }, (_v, i) => [i, i + 1])
          : list && typeof list === 'object'
            ? Object.entries(list)
            : typeof list === 'string'
              ? [...list].map((c, i) => [i, c])
              : [];
      for (const [index, item] of entries) {
        const scope: Scope = { vars: { [node.item]: item, [node.index]: index }, parent: ctx.scope };
        const itemKey =
          node.key === undefined
            ? String(index)
            : node.key === '*this'
              ? text(item)
              : text((item as Record<string, unknown> | null)?.[node.key]);
        const before = parent.childNodes.length;
        renderNode(node.body, { ...ctx, scope }, parent, `${key}[${itemKey}]`);
        // keyed items keep their elements when the list is reordered
        if (node.key !== undefined)
          for (let c = before; c < parent.childNodes.length; c++) {
            const child = parent.childNodes[c] as AmElement;
            if (child.nodeType === 1) child.__amKey = `${key}[${itemKey}]#${c - before}`;
          }
      }
      return;
    }
    case 'tpl': {
      const name = text(value(node.is, ctx.scope));
      const body = ctx.owner.template.templates[name];
      if (!body) {
        ctx.host.problem(`<template is="${name}">: no template of that name`, placeOf(ctx.owner.template, node.loc));
        return;
      }
      const data = node.data ? value(node.data, ctx.scope) : {};
      const vars = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
      // a template sees only the data it is given
      renderNodes(body, { ...ctx, scope: { vars } }, parent, `${key}<${name}>`);
      return;
    }
    case 'slot': {
      const slot = ctx.slot;
      const given = slot?.kids.filter((k) => slotName(k, slot.ctx) === (node.name ?? ''));
      if (slot && given && given.length > 0) renderNodes(given, slot.ctx, parent, `${key}/slot`);
      else renderNodes(node.kids, ctx, parent, key);
      return;
    }
    case 'err': {
      const at = placeOf(ctx.owner.template, node.loc);
      const box = document.createElement('div');
      box.className = 'am-unsupported';
      box.textContent = `${node.msg}（${at}）`;
      parent.appendChild(box);
      return;
    }
    case 'el':
    case 'comp':
      parent.appendChild(node.n === 'el' ? renderElement(node, ctx, key) : renderComponent(node, ctx, key));
      return;
  }
}

function slotName(node: TNode, ctx: Ctx): string {
  if (node.n !== 'el' && node.n !== 'comp') return '';
  const a = node.attrs.find((x) => x.name === 'slot');
  return a ? text(value(a.v, ctx.scope)) : '';
}

function bindings(on: Array<{ ev: string; handler: Bind; catch: boolean }>, ctx: Ctx): ElementBinding[] {
  return on.map((b) => ({ ev: b.ev, handler: text(value(b.handler, ctx.scope)), catch: b.catch }));
}

function renderElement(node: Extract<TNode, { n: 'el' }>, ctx: Ctx, key: string): HTMLElement {
  const el = createElement(node.tag, node.attrs, ctx) as HTMLElement & AmElement;
  const props: AmProps = {
    owner: ctx.owner,
    on: bindings(node.on, ctx),
    dataset: {},
    at: placeOf(ctx.owner.template, node.loc),
  };
  applyAttrs(el, node.tag, node.attrs, ctx, props);
  el.__am = props;
  renderNodes(node.kids, ctx, el, key);
  finishElement(el, node.tag, ctx.owner);
  return el;
}

function renderComponent(node: Extract<TNode, { n: 'comp' }>, ctx: Ctx, key: string): HTMLElement {
  const host = document.createElement(node.tag) as HTMLElement & AmElement;
  const props: Record<string, unknown> = {};
  for (const a of node.attrs) {
    if (a.name === 'slot') continue;
    const v = value(a.v, ctx.scope);
    if (a.name === 'class' || a.name === 'style') {
      const s = text(v);
      if (s !== '') host.setAttribute(a.name, a.name === 'style' ? convertRpx(s) : s);
    }
    if (a.name === 'id' && v !== undefined) host.id = text(v);
    props[a.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  }
  // onXxx="handler": the parent's method, passed as a function prop
  for (const b of bindings(node.on, ctx)) {
    const name = `${b.catch ? 'catch' : 'on'}${b.ev.charAt(0).toUpperCase()}${b.ev.slice(1)}`;
    const owner = ctx.owner;
    props[name] = (...args: unknown[]) => {
      const fn = owner.instance[b.handler];
      if (typeof fn !== 'function') {
        ctx.host.problem(
          `${name}="${b.handler}": ${owner.name} has no method ${b.handler}`,
          placeOf(owner.template, node.loc),
        );
        return undefined;
      }
      return (fn as (...a: unknown[]) => unknown).apply(owner.instance, args);
    };
  }
  const made = ctx.host.component(key, node.comp, props, ctx.owner);
  host.__amKey = key;
  if ('error' in made) {
    ctx.host.problem(made.error, placeOf(ctx.owner.template, node.loc));
    return host;
  }
  const inner: Ctx = { owner: made.owner, scope: made.scope, key, host: ctx.host, slot: { kids: node.kids, ctx } };
  renderNodes(made.owner.template.nodes, inner, host, `${key}/`);
  return host;
}

/** Renders a page's template into a new `<page>` element (its children are morphed into the live page). */
export function renderPage(owner: Owner, data: Record<string, unknown>, host: ComponentSlotHost): HTMLElement {
  const root = document.createElement('page');
  root.setAttribute('data-route', owner.name);
  renderNodes(owner.template.nodes, { owner, scope: { vars: data }, key: '', host }, root, '');
  return root;
}
