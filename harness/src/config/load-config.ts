import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
      const { readFileSync } = await import('node:fs');
      mod = { default: JSON.parse(readFileSync(path, 'utf8')) };
    } else if (/\.(c|m)?ts$/.test(path)) {
      const { createJiti } = await import('jiti');
      const jiti = createJiti(import.meta.url, { interopDefault: false });
      mod = await jiti.import(path);
    } else {
      mod = await import(pathToFileURL(path).href);
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
