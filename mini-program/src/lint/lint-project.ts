/**
 * `alimock lint <dir>`: FAQ Q1 (无效的授权关系) on a team's own code. The phone number may only be read after the
 * member taps `<button open-type="getAuthorize" scope="phoneNumber">` and agrees: lint finds buttons that cannot do
 * that (no open-type, no scope, WeChat's markup, no onError), handlers the markup names but the page lacks, and
 * `my.getPhoneNumber` reachable from anywhere but the button's onGetAuthorize callback (onLoad, onShow, other taps).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { notAlipayApi } from '../my-apis/unknown-api.js';
import { readAppJson, readPageJson } from '../project/app-json.js';
import { componentPath } from '../project/component-path.js';
import { ProjectFiles } from '../project/project-files.js';
import { type FunctionFacts, outlineScript, type Place, type ScriptOutline } from './js-outline.js';
import type { LintFinding, LintResult } from './lint-types.js';
import { type MarkupFacts, markupFacts } from './markup-facts.js';
import { tsToJs } from './ts-positions.js';

const LIFECYCLE: Record<'Page' | 'Component' | 'App', string[]> = {
  Page: [
    'onLoad',
    'onShow',
    'onReady',
    'onHide',
    'onUnload',
    'onPullDownRefresh',
    'onReachBottom',
    'onPageScroll',
    'onTabItemTap',
    'onTitleClick',
    'onOptionMenuClick',
    'onShareAppMessage',
  ],
  Component: ['onInit', 'deriveDataFromProps', 'didMount', 'didUpdate', 'didUnmount'],
  App: ['onLaunch', 'onShow', 'onHide', 'onError'],
};

const PHONE_FIX =
  'call my.getPhoneNumber only from the onGetAuthorize handler of <button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…" onError="…"> (the member taps, agrees, then the page reads the number)';

interface View {
  kind: 'Page' | 'Component' | 'App';
  /** the .axml (none for app.js) */
  axml?: string;
  script?: string;
}

function readOutline(files: ProjectFiles, script: string): { outline: ScriptOutline; finding?: LintFinding } {
  const text = files.read(script) ?? '';
  let outline: ScriptOutline;
  if (script.endsWith('.ts')) {
    const js = tsToJs(text, script);
    if ('error' in js) {
      outline = { functions: new Map(), myMembers: [], syntaxError: js.error };
    } else outline = outlineScript(js.code, js.mapPlace);
  } else outline = outlineScript(text);
  const e = outline.syntaxError;
  return e
    ? {
        outline,
        finding: {
          rule: 'syntax-error',
          file: script,
          line: e.line,
          column: e.column,
          message: `syntax error: ${e.message}`,
          fix: 'fix the syntax error',
        },
      }
    : { outline };
}

/** Paths from `root` to functions that call my.getPhoneNumber: [function chain, call place]. */
function phonePaths(functions: Map<string, FunctionFacts>, root: string): Array<{ chain: string[]; at: Place }> {
  const out: Array<{ chain: string[]; at: Place }> = [];
  const seen = new Set<string>([root]);
  const queue: string[][] = [[root]];
  while (queue.length > 0) {
    const chain = queue.shift() as string[];
    const facts = functions.get(chain[chain.length - 1] as string);
    if (!facts) continue;
    for (const at of facts.phoneCalls) out.push({ chain, at });
    for (const next of facts.calls) {
      if (seen.has(next) || !functions.has(next)) continue;
      seen.add(next);
      queue.push([...chain, next]);
    }
  }
  return out;
}

const shown = (name: string) => name.replace(/^(method|fn):/, '');

function buttonFindings(markup: MarkupFacts): LintFinding[] {
  const out: LintFinding[] = [];
  for (const w of markup.wechat) {
    out.push({
      rule: 'wechat-markup',
      file: w.file,
      line: w.line,
      column: w.column,
      message: `${w.attr} is WeChat's markup: Alipay never calls it`,
      fix: `use ${w.alipay}`,
    });
  }
  for (const b of markup.buttons) {
    const has = (name: string) => b.attrs.has(name);
    const phoneIntent =
      b.scope === 'phoneNumber' ||
      has('onGetAuthorize') ||
      b.openType === 'getAuthorize' ||
      b.openType === 'getPhoneNumber';
    if (!phoneIntent) continue;
    if (b.scope !== undefined && b.scope !== 'phoneNumber') continue; // another authorization (userInfo…)
    const place = { file: b.file, line: b.line, column: b.column };
    if (b.openType === 'getPhoneNumber') {
      out.push({
        rule: 'wechat-markup',
        ...place,
        message: 'open-type="getPhoneNumber" is WeChat\'s phone button: Alipay shows no consent sheet for it',
        fix: 'use <button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…" onError="…">',
      });
      continue;
    }
    if (b.openType !== 'getAuthorize') {
      out.push({
        rule: 'phone-button-open-type',
        ...place,
        message: `the phone button has ${b.openType === undefined ? 'no open-type' : `open-type="${b.openType}"`}: Alipay shows no consent sheet, so my.getPhoneNumber answers 无效的授权关系`,
        fix: 'add open-type="getAuthorize" to the button',
      });
    }
    if (b.scope === undefined) {
      out.push({
        rule: 'phone-button-scope',
        ...place,
        message: 'the getAuthorize button has no scope="phoneNumber": the member is not asked for the phone number',
        fix: 'add scope="phoneNumber" to the button',
      });
    }
    if (!has('onError') && !has('catchError')) {
      out.push({
        rule: 'missing-on-error',
        ...place,
        message:
          'the phone button has no onError: a member who refuses (or a failed authorization) gets no answer from the page',
        fix: 'add onError="onAuthError" and tell the member what happened (e.detail.errorMessage)',
      });
    }
    if (b.openType === 'getAuthorize' && !has('onGetAuthorize') && !has('catchGetAuthorize')) {
      out.push({
        rule: 'missing-on-get-authorize',
        ...place,
        message: 'the phone button has no onGetAuthorize: nothing reads the number after the member agrees',
        fix: 'add onGetAuthorize="onGetAuthorize" and call my.getPhoneNumber there',
      });
    }
  }
  return out;
}

function lintView(files: ProjectFiles, view: View, out: LintFinding[]): void {
  const markup = view.axml ? markupFacts(view.axml, files.read) : { bindings: [], buttons: [], wechat: [] };
  out.push(...buttonFindings(markup));
  if (!view.script) return;
  const { outline, finding } = readOutline(files, view.script);
  if (finding) {
    out.push(finding);
    return;
  }
  for (const m of outline.myMembers) {
    const said = notAlipayApi(m.name);
    if (said)
      out.push({
        rule: 'unknown-my-api',
        file: view.script,
        line: m.line,
        column: m.column,
        message: `${said}; on a client it is undefined and calling it throws`,
        fix: "use Alipay's API for the job (opendocs.alipay.com/mini/api)",
      });
  }
  const methods = outline.methods;
  if (methods) {
    for (const b of markup.bindings) {
      if (methods.has(b.handler)) continue;
      out.push({
        rule: 'undefined-handler',
        file: b.file,
        line: b.line,
        column: b.column,
        message: `${b.attr}="${b.handler}": ${view.script} defines no ${b.handler}${view.kind === 'Component' ? ' in methods' : ''}`,
        fix: `add ${b.handler}(e) { … } to the ${view.kind}({...}) object${view.kind === 'Component' ? "'s methods" : ''}, or fix the name in the markup`,
      });
    }
  }
  const kind = outline.kind ?? view.kind;
  const allowed = new Set(markup.bindings.filter((b) => b.authorize).map((b) => `method:${b.handler}`));
  const roots = new Map<string, string>();
  for (const name of LIFECYCLE[kind]) roots.set(`method:${name}`, name);
  for (const b of markup.bindings) if (!b.authorize) roots.set(`method:${b.handler}`, `${b.attr}="${b.handler}"`);
  for (const a of allowed) roots.delete(a);
  roots.set('<module>', 'the top level of the module');
  const reported = new Set<string>();
  for (const [root, label] of roots) {
    for (const { chain, at } of phonePaths(outline.functions, root)) {
      const key = `${at.line}:${at.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const via = chain.length > 1 ? ` (via ${chain.slice(1).map(shown).join(' → ')})` : '';
      out.push({
        rule: 'get-phone-number-outside-authorize',
        file: view.script,
        line: at.line,
        column: at.column,
        message: `my.getPhoneNumber is reached from ${label}${via}, not from the authorize button's callback: Alipay answers 无效的授权关系 (FAQ Q1)`,
        fix: PHONE_FIX,
      });
    }
  }
}

function scriptOf(files: ProjectFiles, base: string): string | undefined {
  for (const ext of ['.ts', '.js']) if (files.exists(base + ext)) return base + ext;
  return undefined;
}

export async function lintProject(rootDir: string): Promise<LintResult> {
  const root = resolve(rootDir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    return { ok: false, reason: `mini-program folder ${rootDir} does not exist` };
  const files = new ProjectFiles(root);
  const appText = files.read('app.json');
  if (appText === undefined)
    return { ok: false, reason: `no app.json in ${rootDir}: point alimock lint at the mini-program's root folder` };
  const app = readAppJson(appText);
  if (!app.ok) return app;

  const views: View[] = [];
  const appScript = scriptOf(files, 'app');
  if (appScript) views.push({ kind: 'App', script: appScript });
  const components = new Set<string>();
  const addComponents = (viewFile: string, jsonFile: string) => {
    const json = readPageJson(files.read(jsonFile), jsonFile);
    if (!json.ok) return;
    for (const written of Object.values(json.value.usingComponents)) {
      const path = componentPath(files, viewFile, written);
      if (!path || components.has(path) || path.startsWith('/node_modules/')) continue;
      components.add(path);
      const base = path.slice(1);
      const script = scriptOf(files, base);
      views.push({ kind: 'Component', axml: `${base}.axml`, ...(script ? { script } : {}) });
      addComponents(`${base}.axml`, `${base}.json`);
    }
  };
  for (const route of app.value.pages) {
    const script = scriptOf(files, route);
    views.push({ kind: 'Page', axml: `${route}.axml`, ...(script ? { script } : {}) });
    addComponents(`${route}.axml`, `${route}.json`);
  }

  const findings: LintFinding[] = [];
  for (const view of views) lintView(files, view, findings);
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.rule}:${f.file}:${f.line}:${f.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { ok: true, value: unique };
}
