import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { UserConfig } from './define-config.js';
import { importModule, parseJson, syntaxReason } from './import-module.js';

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
      const parsed = parseJson(text);
      if (!parsed.ok) return { ok: false, reason: syntaxReason(path, text, parsed.where, parsed.message) };
      mod = { default: parsed.value };
    } else {
      // jiti for every script config: TypeScript, and located syntax errors for JavaScript too
      const loaded = await importModule(path, 'could not load the config');
      if (!loaded.ok) return loaded;
      mod = loaded.value;
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
