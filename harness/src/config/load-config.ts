import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { UserConfig } from './define-config.js';

export const CONFIG_NAMES = [
  'alimock.config.ts',
  'alimock.config.mts',
  'alimock.config.js',
  'alimock.config.mjs',
  'alimock.config.json',
];

export type LoadedConfig =
  | { ok: true; value: { config: UserConfig; path: string | undefined; dir: string } }
  | { ok: false; reason: string };

/** Loads `--config FILE`, or the first alimock.config.* in cwd; none → empty config. TypeScript via jiti. */
export async function loadConfig(file: string | undefined, cwd = process.cwd()): Promise<LoadedConfig> {
  const path = file ? resolve(cwd, file) : CONFIG_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (!path) return { ok: true, value: { config: {}, path: undefined, dir: cwd } };
  if (!existsSync(path)) return { ok: false, reason: `config file not found: ${path}` };
  try {
    let mod: unknown;
    if (path.endsWith('.json')) {
      const text = readFileSync(path, 'utf8');
      try {
        mod = { default: JSON.parse(text) };
      } catch (e) {
        const at = /position (\d+)/.exec((e as Error).message);
        const where = at ? lineColumn(text, Number(at[1])) : undefined;
        return { ok: false, reason: syntaxReason(path, text, where, (e as Error).message) };
      }
    } else {
      // jiti for every script config: TypeScript, and located syntax errors for JavaScript too
      const { createJiti } = await import('jiti');
      const jiti = createJiti(import.meta.url, { interopDefault: false, moduleCache: false });
      try {
        mod = await jiti.import(path);
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        const at = /:(\d+):(\d+)\s*$/m.exec(message);
        if (!at && !/ParseError|SyntaxError/.test(message)) throw e;
        const text = readFileSync(path, 'utf8');
        const first = (message.split('\n')[0] ?? '').replace(/^(Error: )?(ParseError|SyntaxError): /, '').trim();
        return {
          ok: false,
          reason: syntaxReason(path, text, at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : undefined, first),
        };
      }
    }
    const m = mod as { default?: unknown; config?: unknown };
    const config = m.default ?? m.config;
    if (config === undefined)
      return { ok: false, reason: `${path}: export the config as default (export default defineConfig({ … }))` };
    return { ok: true, value: { config: config as UserConfig, path, dir: dirname(path) } };
  } catch (e) {
    return { ok: false, reason: `${path}: could not load the config: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** `FILE:LINE:COL: syntax error: …`, then the line and a caret under the place. */
function syntaxReason(
  path: string,
  text: string,
  where: { line: number; column: number } | undefined,
  message: string,
): string {
  const head = `${path}${where ? `:${where.line}:${where.column}` : ''}: syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
  if (!where) return head;
  const source = (text.split('\n')[where.line - 1] ?? '').replace(/\t/g, ' ');
  const gutter = `${where.line} | `;
  return [
    head,
    `  ${gutter}${source.slice(0, 200)}`,
    `  ${' '.repeat(gutter.length + Math.max(0, where.column - 1))}^`,
  ].join('\n');
}
