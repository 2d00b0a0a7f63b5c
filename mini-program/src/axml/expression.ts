/**
 * `{{ }}` in AXML → the Expr subset the runtime evaluates: parsed with acorn, then reduced to member access,
 * operators, ternaries, literals, template strings and a fixed list of pure string/number/array methods. Anything
 * else (calls of page functions, assignments, arrow functions, `new`…) is refused here, with its place.
 */
import { type Node, parseExpressionAt } from 'acorn';
import { ALLOWED_METHODS } from './allowed-methods.js';
import type { Bind, Expr } from './template-ast.js';

const UNARY = new Set(['!', '-', '+', 'typeof', 'void']);
const BINARY = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '>',
  '<=',
  '>=',
  'in',
  '&&',
  '||',
  '??',
]);

/** A refused expression: the message and its offset in the text given to `compileBind`. */
export interface ExprError {
  offset: number;
  message: string;
  hint?: string;
}

export type BindResult = { ok: true; value: Bind } | { ok: false; error: ExprError };

class Refused extends Error {
  constructor(
    readonly at: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

// acorn's ESTree nodes, read loosely (the fields used below)
type N = Node & Record<string, unknown>;

function convert(node: N, base: number): Expr {
  const at = base + node.start;
  const sub = (n: unknown) => convert(n as N, base);
  switch (node.type) {
    case 'Literal': {
      const v = node.value;
      if (node.regex !== undefined || typeof v === 'bigint')
        throw new Refused(at, 'regular expressions and BigInt literals are not supported in {{ }}');
      return { k: 'lit', v: v as string | number | boolean | null };
    }
    case 'Identifier':
      return node.name === 'undefined' ? { k: 'undef' } : { k: 'id', n: node.name as string };
    case 'ChainExpression':
      return sub(node.expression);
    case 'MemberExpression':
      return {
        k: 'mem',
        o: sub(node.object),
        p: node.computed ? sub(node.property) : { k: 'lit', v: (node.property as N).name as string },
      };
    case 'UnaryExpression':
      if (!UNARY.has(node.operator as string))
        throw new Refused(at, `the operator ${node.operator} is not supported in {{ }}`);
      return { k: 'un', op: node.operator as '!', a: sub(node.argument) };
    case 'BinaryExpression':
    case 'LogicalExpression':
      if (!BINARY.has(node.operator as string))
        throw new Refused(at, `the operator ${node.operator} is not supported in {{ }}`);
      return { k: 'bin', op: node.operator as string, l: sub(node.left), r: sub(node.right) };
    case 'ConditionalExpression':
      return { k: 'cond', t: sub(node.test), y: sub(node.consequent), n: sub(node.alternate) };
    case 'ArrayExpression':
      return {
        k: 'arr',
        e: (node.elements as Array<N | null>).map((el) =>
          el === null ? { k: 'undef' } : el.type === 'SpreadElement' ? { k: 'spread', a: sub(el.argument) } : sub(el),
        ),
      };
    case 'ObjectExpression':
      return {
        k: 'obj',
        p: (node.properties as N[]).map((prop) => {
          if (prop.type === 'SpreadElement') return { spread: sub(prop.argument) };
          const key = prop.key as N;
          if (prop.computed || prop.method || prop.kind !== 'init')
            throw new Refused(base + prop.start, 'computed keys, methods and accessors are not supported in {{ }}');
          const name = key.type === 'Identifier' ? (key.name as string) : String(key.value);
          return { key: name, v: sub(prop.value) };
        }),
      };
    case 'CallExpression': {
      const callee = node.callee as N;
      const method =
        callee.type === 'MemberExpression' && !callee.computed ? ((callee.property as N).name as string) : undefined;
      if (method === undefined || !ALLOWED_METHODS.has(method))
        throw new Refused(
          at,
          'function calls are not supported in {{ }}',
          `compute the value in the page's JS and put it in data (methods of strings, numbers and arrays such as ${[...ALLOWED_METHODS].slice(0, 4).join(', ')} are allowed)`,
        );
      return { k: 'call', o: sub(callee.object), m: method, a: (node.arguments as N[]).map(sub) };
    }
    case 'TemplateLiteral':
      return {
        k: 'tpl',
        q: (node.quasis as N[]).map((q) => (q.value as { cooked: string }).cooked),
        e: (node.expressions as N[]).map(sub),
      };
    default:
      throw new Refused(
        at,
        `${constructName(node.type)} is not supported in {{ }}`,
        'AXML expressions read data: member access, operators, ternaries, literals',
      );
  }
}

function constructName(type: string): string {
  const names: Record<string, string> = {
    ArrowFunctionExpression: 'an arrow function',
    FunctionExpression: 'a function',
    AssignmentExpression: 'assignment',
    UpdateExpression: '++/--',
    NewExpression: '`new`',
    ThisExpression: '`this`',
    SequenceExpression: 'the comma operator',
    TaggedTemplateExpression: 'a tagged template',
    AwaitExpression: '`await`',
  };
  return names[type] ?? `a ${type}`;
}

/** Parses one `{{ }}` body. `asObject`: the body of `data="{{...}}"`, an object literal without its braces. */
function parseInner(inner: string, base: number, asObject: boolean): Expr {
  const src = asObject ? `{${inner}}` : inner;
  const shift = asObject ? -1 : 0;
  let node: N;
  try {
    node = parseExpressionAt(src, 0, { ecmaVersion: 2022 }) as N;
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    const message = (e as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new Refused(base + Math.max(0, pos + shift), `cannot parse {{${inner}}}: ${message}`);
  }
  const rest = src.slice(node.end);
  if (rest.trim() !== '')
    throw new Refused(base + node.end + shift, `cannot parse {{${inner}}}: unexpected ${JSON.stringify(rest.trim())}`);
  return convert(node, base + shift);
}

const OPEN = '{{';
const CLOSE = '}}';

/**
 * Compiles an attribute value or a text: constant text stays a string, a lone `{{x}}` becomes x (its own type),
 * a mix becomes a string concatenation. `offset` is where `text` starts in its file (for error places).
 */
export function compileBind(text: string, offset = 0, options: { asObject?: boolean } = {}): BindResult {
  const parts: Array<string | Expr> = [];
  let i = 0;
  try {
    while (i < text.length) {
      const open = text.indexOf(OPEN, i);
      if (open < 0) {
        parts.push(text.slice(i));
        break;
      }
      if (open > i) parts.push(text.slice(i, open));
      // the first `}}` after which the body parses (an object literal may hold `}}` itself)
      let close = text.indexOf(CLOSE, open + 2);
      if (close < 0) throw new Refused(offset + open, '{{ is not closed by }}');
      let expr: Expr | undefined;
      let firstError: Refused | undefined;
      while (close >= 0) {
        try {
          expr = parseInner(text.slice(open + 2, close), offset + open + 2, options.asObject === true);
          break;
        } catch (e) {
          if (!(e instanceof Refused)) throw e;
          firstError ??= e;
          // a refused construct (not a parse error) will not parse better with more text
          if (!e.message.startsWith('cannot parse')) throw e;
          close = text.indexOf(CLOSE, close + 1);
        }
      }
      if (expr === undefined) throw firstError ?? new Refused(offset + open, 'cannot parse {{ }}');
      parts.push(expr);
      i = close + 2;
    }
  } catch (e) {
    if (e instanceof Refused)
      return { ok: false, error: { offset: e.at, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
    throw e;
  }
  const nonEmpty = parts.filter((p) => p !== '');
  if (nonEmpty.length === 0) return { ok: true, value: '' };
  if (nonEmpty.length === 1) return { ok: true, value: nonEmpty[0] as Bind };
  return { ok: true, value: { k: 'cat', parts: nonEmpty } };
}

/** True when the text has `{{`. */
export function hasBinding(text: string): boolean {
  return text.includes(OPEN);
}
