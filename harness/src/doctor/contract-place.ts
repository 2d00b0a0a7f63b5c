/**
 * `alimock doctor --config FILE`: loads the team's alimock config and asks its contract where the payload sits in
 * the phone request (see locate-payload.ts). I/O (it loads the config): used by the CLI, never by `diagnose`.
 */
import { loadConfig } from '../config/load-config.js';
import { echo } from './echo.js';
import { locatePayload, type PayloadPlace, SENTINEL } from './locate-payload.js';

export type PlaceFromConfig = { ok: true; place: PayloadPlace; configPath: string } | { ok: false; reason: string };

/** What a contract that maps the login step may expect beside the payload; ignored by one that does not. */
const LOGIN_PROBE = { login: { userId: '2088000000000000', token: 'alimock-doctor' } };

type Builder = (encryptedData: string, context?: unknown) => unknown;

export async function placeFromConfig(file: string, cwd = process.cwd()): Promise<PlaceFromConfig> {
  const loaded = await loadConfig(file, cwd);
  if (!loaded.ok) return { ok: false, reason: `--config: ${loaded.reason}` };
  const path = loaded.value.path ?? file;
  const contract: unknown = loaded.value.config.contract;
  const build =
    contract !== null && typeof contract === 'object'
      ? (contract as { buildPhoneRequest?: unknown }).buildPhoneRequest
      : undefined;
  if (typeof build !== 'function') {
    return {
      ok: false,
      reason: `--config ${echo(path, 200)}: the config has no contract.buildPhoneRequest, so it does not say where the payload sits — without --config the doctor reads the default {"encryptedData": …}; or name the member with --field`,
    };
  }
  let request: unknown;
  try {
    request = await (build as Builder)(SENTINEL, LOGIN_PROBE);
  } catch (e) {
    return {
      ok: false,
      reason: `--config ${echo(path, 200)}: contract.buildPhoneRequest threw: ${echo(String((e as Error)?.message ?? e), 200)}`,
    };
  }
  const located = locatePayload(request);
  if (!located.ok) return { ok: false, reason: `--config ${echo(path, 200)}: ${located.reason}` };
  return { ok: true, place: located.place, configPath: path };
}
