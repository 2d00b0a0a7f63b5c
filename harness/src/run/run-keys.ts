import { resolveKeys } from '../../../mock-gateway/src/app.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';

export type KeysResult = { ok: true; value: KeyMaterial } | { ok: false; reason: string };

/**
 * The keys of a run (or of `alimock serve`): the keys folder's (default: alimock's TEST-ONLY keys), as the app the
 * config names when it names one — the gateway's default app, the page's, the reference backend's.
 */
export function runKeys(keysDir: string | undefined, appId: string | undefined): KeysResult {
  try {
    const keys = resolveKeys(keysDir);
    return { ok: true, value: appId === undefined ? keys : { ...keys, appId } };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
