/**
 * Server configuration from the environment: KEYS_DIR (default: the package's keys/), ALIPAY_PUBLIC_KEY,
 * ALIPAY_AES_KEY, APP_PUBLIC_KEY (override the files), REQUIRE_SIGNATURE=false, PORT (default 0),
 * HOST (default 127.0.0.1).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KeyTexts, loadKeys } from './keys.js';

export interface ServerConfig {
  keys: KeyTexts;
  requireSignature: boolean;
  host: string;
  port: number;
}

export type ServerConfigResult = { ok: true; config: ServerConfig } | { ok: false; reason: string };

/** The first ancestor of this module's folder holding a package.json (works from src/ and from dist/). */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

export function resolveServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfigResult {
  const keysDir = env.KEYS_DIR ? resolve(env.KEYS_DIR) : join(packageRoot(), 'keys');
  const overrides: Partial<KeyTexts> = {};
  if (env.ALIPAY_PUBLIC_KEY) overrides.alipayPublicKey = env.ALIPAY_PUBLIC_KEY;
  if (env.ALIPAY_AES_KEY) overrides.aesKey = env.ALIPAY_AES_KEY;
  if (env.APP_PUBLIC_KEY) overrides.appPublicKey = env.APP_PUBLIC_KEY;
  const loaded = loadKeys(keysDir, overrides);
  if (!loaded.ok) return loaded;

  const requireText = (env.REQUIRE_SIGNATURE ?? 'true').trim().toLowerCase();
  if (!['true', 'false', '1', '0', ''].includes(requireText)) {
    return {
      ok: false,
      reason: `REQUIRE_SIGNATURE must be true or false, got ${JSON.stringify(env.REQUIRE_SIGNATURE)}`,
    };
  }
  const portText = (env.PORT ?? '0').trim() || '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    return { ok: false, reason: `PORT must be an integer 0-65535, got ${JSON.stringify(env.PORT)}` };
  }
  return {
    ok: true,
    config: {
      keys: loaded.keys,
      requireSignature: requireText !== 'false' && requireText !== '0',
      host: env.HOST?.trim() || '127.0.0.1',
      port,
    },
  };
}
