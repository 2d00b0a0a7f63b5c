/**
 * The compiled form of AXML that the browser runtime renders. Plain JSON (it is sent to the page as data and
 * interpreted there: no template text is ever evaluated as code). Shared by the Node compiler and the runtime.
 */

/** A place in the project: `f` indexes the template's `files`, `l`/`c` are 1-based. */
export interface Loc {
  f: number;
  l: number;
  c: number;
}

/** A `{{ }}` expression, reduced to the supported subset. */
export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'undef' }
  | { k: 'id'; n: string }
  /** member access: `o.p` (p a 'lit' string) or `o[p]` */
  | { k: 'mem'; o: Expr; p: Expr }
  | { k: 'un'; op: '!' | '-' | '+' | 'typeof' | 'void'; a: Expr }
  /** binary and logical operators, `&&` `||` `??` included (evaluated lazily) */
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'cond'; t: Expr; y: Expr; n: Expr }
  | { k: 'arr'; e: Array<Expr | { k: 'spread'; a: Expr }> }
  | { k: 'obj'; p: Array<{ key: string; v: Expr } | { spread: Expr }> }
  /** a method of a string, number or array from a fixed list of pure methods (`name.toUpperCase()`) */
  | { k: 'call'; o: Expr; m: string; a: Expr[] }
  /** template literal */
  | { k: 'tpl'; q: string[]; e: Expr[] }
  /** text mixing literal parts and `{{ }}`: always a string */
  | { k: 'cat'; parts: Array<string | Expr> };

/** An attribute or text value: a constant string, or an expression (a lone `{{x}}` keeps x's type). */
export type Bind = string | Expr;

export interface Attr {
  name: string;
  v: Bind;
}

/** `onTap="name"` → { ev: 'tap', handler: 'name', catch: false }; the handler name may be bound. */
export interface EventBinding {
  ev: string;
  handler: Bind;
  catch: boolean;
}

export type TNode =
  | { n: 'text'; v: Bind }
  | { n: 'el'; tag: string; attrs: Attr[]; on: EventBinding[]; kids: TNode[]; loc: Loc }
  /** a custom component (`usingComponents`): `comp` is its project path, e.g. `/components/card/card` */
  | { n: 'comp'; tag: string; comp: string; attrs: Attr[]; on: EventBinding[]; kids: TNode[]; loc: Loc }
  /** `a:if` / `a:elif` / `a:else` chain: the first branch whose test holds (no test = else) */
  | { n: 'if'; br: Array<{ test?: Bind; node: TNode }> }
  | { n: 'for'; list: Bind; item: string; index: string; key?: string; body: TNode; loc: Loc }
  | { n: 'block'; kids: TNode[] }
  /** `<template is="name" data="{{...}}"/>` */
  | { n: 'tpl'; is: Bind; data?: Expr; loc: Loc }
  | { n: 'slot'; name?: string; kids: TNode[] }
  /** something that cannot be rendered, shown in place with its message */
  | { n: 'err'; msg: string; loc: Loc };

/** One view (a page or a component): its nodes, its named templates (own and imported), its files. */
export interface CompiledTemplate {
  nodes: TNode[];
  templates: Record<string, TNode[]>;
  /** project-relative files the locations refer to */
  files: string[];
}
