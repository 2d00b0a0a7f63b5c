/**
 * The parts of a page/component/app script that lint needs, read with acorn: the methods of its `Page({...})`,
 * `Component({...})` (`methods`) or `App({...})` object, which of them call `my.getPhoneNumber` (with the call's place),
 * and which methods and module functions each one calls (`this.x()`, `that.x()` after `const that = this`, `f()`).
 */
import { type Node, parse } from 'acorn';
import { ancestor, simple } from 'acorn-walk';

type N = Node & Record<string, unknown>;

export interface Place {
  line: number;
  column: number;
}

export interface FunctionFacts {
  /** `my.getPhoneNumber(...)` calls in the function (nested callbacks included) */
  phoneCalls: Place[];
  /** names of methods (`this.x()`) and module functions (`x()`) it calls */
  calls: Set<string>;
}

export interface ScriptOutline {
  /** the object given to Page/Component/App, when it is an object literal */
  kind?: 'Page' | 'Component' | 'App';
  /** its method names; undefined when they cannot all be known (spread, computed keys, not a literal) */
  methods?: Set<string>;
  /** facts per method (`method:name`) and per module function (`fn:name`), plus the module's top level (`<module>`) */
  functions: Map<string, FunctionFacts>;
  syntaxError?: Place & { message: string };
  /** every `my.name` the script reads (calls and references), with its place */
  myMembers: Array<Place & { name: string }>;
}

const PHONE = 'getPhoneNumber';

function isPhoneCall(node: N): boolean {
  const callee = node.callee as N;
  if (callee?.type !== 'MemberExpression') return false;
  const obj = callee.object as N;
  const prop = callee.property as N;
  const name = callee.computed ? (prop.type === 'Literal' ? prop.value : undefined) : prop.name;
  return obj.type === 'Identifier' && obj.name === 'my' && name === PHONE;
}

function keyName(prop: N): string | undefined {
  if (prop.computed) return undefined;
  const key = prop.key as N;
  return key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : undefined;
}

const isFunction = (n: N | undefined) =>
  n?.type === 'FunctionExpression' || n?.type === 'ArrowFunctionExpression' || n?.type === 'FunctionDeclaration';

/** Facts of one function body (its nested functions count as part of it). */
function factsOf(fn: N, place: (offset: number) => Place): FunctionFacts {
  const facts: FunctionFacts = { phoneCalls: [], calls: new Set() };
  const thisAliases = new Set<string>();
  simple(fn as Node, {
    VariableDeclarator(node) {
      const n = node as unknown as N;
      if ((n.init as N | null)?.type === 'ThisExpression' && (n.id as N).type === 'Identifier')
        thisAliases.add((n.id as N).name as string);
    },
  });
  simple(fn as Node, {
    CallExpression(node) {
      const n = node as unknown as N;
      if (isPhoneCall(n)) {
        facts.phoneCalls.push(place(n.start));
        return;
      }
      const callee = n.callee as N;
      if (callee.type === 'Identifier') facts.calls.add(`fn:${callee.name}`);
      else if (callee.type === 'MemberExpression' && !callee.computed) {
        const obj = callee.object as N;
        const name = (callee.property as N).name as string;
        if (obj.type === 'ThisExpression' || (obj.type === 'Identifier' && thisAliases.has(obj.name as string)))
          facts.calls.add(`method:${name}`);
      }
    },
  });
  return facts;
}

export function outlineScript(code: string, mapPlace: (p: Place) => Place = (p) => p): ScriptOutline {
  const functions = new Map<string, FunctionFacts>();
  let ast: N;
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const place = (offset: number): Place => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return mapPlace({ line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 });
  };
  try {
    ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true }) as unknown as N;
  } catch (e) {
    try {
      ast = parse(code, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        allowReturnOutsideFunction: true,
      }) as unknown as N;
    } catch {
      const pos = (e as { pos?: number }).pos ?? 0;
      return {
        functions,
        myMembers: [],
        syntaxError: { ...place(pos), message: (e as Error).message.replace(/\s*\(\d+:\d+\)$/, '') },
      };
    }
  }
  const outline: ScriptOutline = { functions, myMembers: [] };
  simple(ast as Node, {
    MemberExpression(node) {
      const n = node as unknown as N;
      const obj = n.object as N;
      const prop = n.property as N;
      if (!n.computed && obj.type === 'Identifier' && obj.name === 'my' && prop.type === 'Identifier')
        outline.myMembers.push({ name: prop.name as string, ...place(prop.start) });
    },
  });

  // module functions: function f() {} / const f = () => {} at the top level
  for (const stmt of ast.body as N[]) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? (stmt.declaration as N | null) : stmt;
    if (!decl) continue;
    if (decl.type === 'FunctionDeclaration' && decl.id)
      functions.set(`fn:${(decl.id as N).name}`, factsOf(decl, place));
    if (decl.type === 'VariableDeclaration')
      for (const d of decl.declarations as N[])
        if ((d.id as N).type === 'Identifier' && isFunction(d.init as N))
          functions.set(`fn:${(d.id as N).name}`, factsOf(d.init as N, place));
  }

  // the Page/Component/App call
  let options: N | undefined;
  ancestor(ast as Node, {
    CallExpression(node) {
      const n = node as unknown as N;
      const callee = n.callee as N;
      if (options || callee.type !== 'Identifier' || !['Page', 'Component', 'App'].includes(callee.name as string))
        return;
      outline.kind = callee.name as ScriptOutline['kind'];
      const arg = (n.arguments as N[])[0];
      if (arg?.type === 'ObjectExpression') options = arg;
      else options = { type: 'Unknown' } as unknown as N;
    },
  });
  if (options && options.type === 'ObjectExpression') {
    let props = options.properties as N[];
    if (outline.kind === 'Component') {
      const methods = props.find((p) => p.type === 'Property' && keyName(p) === 'methods');
      const lifecycle = props.filter((p) => p.type === 'Property' && keyName(p) !== 'methods');
      props = [...lifecycle, ...(((methods?.value as N | undefined)?.properties as N[] | undefined) ?? [])];
    }
    const names = new Set<string>();
    let open = false;
    for (const p of props) {
      if (p.type !== 'Property') {
        open = true; // ...mixin: names unknown
        continue;
      }
      const name = keyName(p);
      if (name === undefined) {
        open = true;
        continue;
      }
      const value = p.value as N;
      if (isFunction(value)) {
        names.add(name);
        functions.set(`method:${name}`, factsOf(value, place));
      } else if (value.type === 'Identifier') {
        names.add(name);
        const target = functions.get(`fn:${value.name}`);
        if (target) functions.set(`method:${name}`, target);
      } else names.add(name);
    }
    if (!open) outline.methods = names;
  }

  // module top level outside any function: runs when the module loads
  const top: FunctionFacts = { phoneCalls: [], calls: new Set() };
  for (const stmt of ast.body as N[]) {
    if (stmt.type === 'FunctionDeclaration') continue;
    simple(stmt as Node, {
      CallExpression(node) {
        if (isPhoneCall(node as unknown as N)) top.phoneCalls.push(place((node as unknown as N).start));
      },
    });
  }
  // calls inside functions were counted too: keep only those not inside a function
  const inFunctions = new Set([...functions.values()].flatMap((f) => f.phoneCalls.map((p) => `${p.line}:${p.column}`)));
  top.phoneCalls = top.phoneCalls.filter((p) => !inFunctions.has(`${p.line}:${p.column}`));
  functions.set('<module>', top);
  return outline;
}
