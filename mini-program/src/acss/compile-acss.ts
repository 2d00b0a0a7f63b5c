/**
 * ACSS → CSS with postcss: `@import` inlined (relative, or absolute from the project root; `.acss` added when the
 * path has no extension), `rpx` (a 750-wide design) → `calc(N * var(--rpx))` (the page shell defines `--rpx` as the
 * phone's width / 750), and, for a page's own sheet, every rule scoped to that page (`page` → the page's root).
 */
import postcss, { type AtRule, CssSyntaxError, type Root } from 'postcss';
import type { Diagnostic } from '../diagnostic.js';
import { resolveProjectPath, withExtension } from '../project/project-path.js';
import { convertRpx } from './rpx.js';

export { convertRpx };

export interface CompileAcssOptions {
  /** project-relative path of the sheet */
  file: string;
  read(path: string): string | undefined;
  /** a selector every rule is scoped to (a page's sheet); `page` in a selector means this element itself */
  scope?: string;
}

export interface CompiledAcss {
  css: string;
  errors: Diagnostic[];
  files: string[];
}

function scopeSelector(selector: string, scope: string): string {
  const s = selector.trim();
  if (/^(:root|html|body)\b/.test(s)) return s;
  if (/^page(?![\w-])/.test(s)) return `${scope}${s.slice(4)}`;
  return `${scope} ${s}`;
}

function inKeyframes(node: { parent?: unknown }): boolean {
  let p = node.parent as { type?: string; name?: string; parent?: unknown } | undefined;
  while (p) {
    if (p.type === 'atrule' && /keyframes$/i.test(p.name ?? '')) return true;
    p = p.parent as typeof p;
  }
  return false;
}

export function compileAcss(options: CompileAcssOptions): CompiledAcss {
  const errors: Diagnostic[] = [];
  const files: string[] = [];
  const active = new Set<string>();

  const load = (file: string, from?: { file: string; line: number; column: number }): Root | undefined => {
    const text = options.read(file);
    if (text === undefined) {
      if (from) errors.push({ ...from, message: `@import ${file}: the file does not exist`, hint: 'check the path' });
      else errors.push({ file, line: 1, column: 1, message: `${file} does not exist` });
      return undefined;
    }
    if (active.has(file)) {
      if (from) errors.push({ ...from, message: `@import ${file} imports itself (a cycle)` });
      return undefined;
    }
    files.push(file);
    let root: Root;
    try {
      root = postcss.parse(text, { from: file });
    } catch (e) {
      if (e instanceof CssSyntaxError) {
        errors.push({ file, line: e.line ?? 1, column: e.column ?? 1, message: `CSS syntax error: ${e.reason}` });
        return undefined;
      }
      throw e;
    }
    // url(...) relative to the project root (the sheet is served from there)
    root.walkDecls((decl) => {
      if (!decl.value.includes('url(')) return;
      decl.value = decl.value.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (m, _q: string, url: string) => {
        if (/^(data:|[a-z]+:\/\/|\/\/|#)/i.test(url)) return m;
        const rel = resolveProjectPath(file, url);
        return rel === undefined ? m : `url("${rel}")`;
      });
    });
    active.add(file);
    root.walkAtRules('import', (rule: AtRule) => {
      const m = /^\s*(?:url\()?\s*["']?([^"')\s]+)["']?\s*\)?\s*;?\s*$/.exec(rule.params);
      const where = { file, line: rule.source?.start?.line ?? 1, column: rule.source?.start?.column ?? 1 };
      const written = m?.[1];
      if (!written || /^[a-z]+:\/\//i.test(written)) return; // a remote @import stays as it is
      const target = resolveProjectPath(file, withExtension(written, '.acss'));
      if (target === undefined) {
        errors.push({ ...where, message: `@import ${written} points outside the project` });
        rule.remove();
        return;
      }
      const imported = load(target, where);
      if (imported) rule.replaceWith(imported.nodes);
      else rule.remove();
    });
    active.delete(file);
    return root;
  };

  const root = load(options.file);
  if (!root) return { css: '', errors, files };
  root.walkDecls((decl) => {
    decl.value = convertRpx(decl.value);
  });
  const scope = options.scope;
  if (scope) {
    root.walkRules((rule) => {
      if (inKeyframes(rule)) return;
      rule.selectors = rule.selectors.map((s) => scopeSelector(s, scope));
    });
  }
  return { css: root.toString(), errors, files };
}
