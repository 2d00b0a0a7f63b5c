/**
 * Evaluates a compiled `{{ }}` expression over the page's data — an interpreter over the compiled tree, with no
 * access to anything but the data: no globals, no functions, no prototype properties.
 */
import { ALLOWED_METHODS } from '../../axml/allowed-methods.js';
import type { Bind, Expr } from '../../axml/template-ast.js';

/** Names visible to an expression: the innermost a:for item first, the view's data last. */
export interface Scope {
  vars: Record<string, unknown>;
  parent?: Scope;
}

const BLOCKED = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__']);

const has = Object.prototype.hasOwnProperty;

function lookup(scope: Scope | undefined, name: string): unknown {
  for (let s = scope; s; s = s.parent) if (has.call(s.vars, name)) return s.vars[name];
  return undefined;
}

/** `obj[key]` for data: own or array/string values only; functions read as undefined. */
export function member(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  const k = typeof key === 'number' ? key : String(key);
  if (typeof k === 'string' && BLOCKED.has(k)) return undefined;
  let v: unknown;
  if (typeof obj === 'string') v = k === 'length' ? obj.length : obj[Number(k)];
  else if (Array.isArray(obj)) v = k === 'length' ? obj.length : has.call(obj, k) ? obj[k as number] : undefined;
  else if (typeof obj === 'object') v = has.call(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
  return typeof v === 'function' ? undefined : v;
}

function binary(op: string, l: unknown, r: unknown): unknown {
  // the operands are data (strings, numbers, booleans, objects): JS's own semantics, as in the Alipay client
  const a = l as number;
  const b = r as number;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: AXML's == is JS's loose equality
      return l == r;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: AXML's != is JS's loose inequality
      return l != r;
    case '===':
      return l === r;
    case '!==':
      return l !== r;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case 'in':
      return r !== null && typeof r === 'object' ? has.call(r, String(l)) : false;
    default:
      return undefined;
  }
}

export function evaluate(e: Expr, scope: Scope | undefined): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'undef':
      return undefined;
    case 'id':
      return lookup(scope, e.n);
    case 'mem':
      return member(evaluate(e.o, scope), evaluate(e.p, scope));
    case 'un': {
      const a = evaluate(e.a, scope);
      if (e.op === '!') return !a;
      if (e.op === '-') return -(a as number);
      if (e.op === '+') return +(a as number);
      if (e.op === 'typeof') return typeof a;
      return undefined;
    }
    case 'bin': {
      if (e.op === '&&') return evaluate(e.l, scope) && evaluate(e.r, scope);
      if (e.op === '||') return evaluate(e.l, scope) || evaluate(e.r, scope);
      if (e.op === '??') return evaluate(e.l, scope) ?? evaluate(e.r, scope);
      return binary(e.op, evaluate(e.l, scope), evaluate(e.r, scope));
    }
    case 'cond':
      return evaluate(e.t, scope) ? evaluate(e.y, scope) : evaluate(e.n, scope);
    case 'arr': {
      const out: unknown[] = [];
      for (const item of e.e) {
        if (item.k === 'spread') {
          const v = evaluate(item.a, scope);
          if (Array.isArray(v)) out.push(...v);
        } else out.push(evaluate(item, scope));
      }
      return out;
    }
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const p of e.p) {
        if ('spread' in p) {
          const v = evaluate(p.spread, scope);
          if (v && typeof v === 'object') for (const k of Object.keys(v)) if (!BLOCKED.has(k)) out[k] = member(v, k);
        } else if (!BLOCKED.has(p.key)) out[p.key] = evaluate(p.v, scope);
      }
      return out;
    }
    case 'call': {
      const o = evaluate(e.o, scope);
      if (!ALLOWED_METHODS.has(e.m) || !(typeof o === 'string' || typeof o === 'number' || Array.isArray(o)))
        return undefined;
      const fn = (o as unknown as Record<string, unknown>)[e.m];
      if (typeof fn !== 'function') return undefined;
      const args = e.a.map((a) => evaluate(a, scope));
      if (args.some((a) => typeof a === 'function')) return undefined;
      return (fn as (...a: unknown[]) => unknown).apply(o, args);
    }
    case 'tpl': {
      let s = e.q[0] ?? '';
      e.e.forEach((x, i) => {
        s += text(evaluate(x, scope)) + (e.q[i + 1] ?? '');
      });
      return s;
    }
    case 'cat':
      return e.parts.map((p) => (typeof p === 'string' ? p : text(evaluate(p, scope)))).join('');
  }
}

/** A value as text: undefined and null are empty, objects as JSON. */
export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

export function value(b: Bind, scope: Scope | undefined): unknown {
  return typeof b === 'string' ? b : evaluate(b, scope);
}
