import type { UserConfig } from '../config/define-config.js';
import { type CliOverrides, type ResolvedConfig, resolveConfig } from '../config/resolve-config.js';

/** resolveConfig for tests: a config the test wrote must resolve; a reason means the test itself is wrong. */
export function resolvedConfig(user: UserConfig, cli: CliOverrides = {}, baseDir?: string): ResolvedConfig {
  const r = resolveConfig(user, cli, baseDir);
  if (!r.ok) throw new Error(`test config did not resolve: ${r.reason}`);
  return r.value;
}
