/**
 * `node dist/examples/broken-backends/server.js <name>` — starts one broken backend like the reference server
 * (same environment variables); first stdout line: `broken backend <name> listening on http://HOST:PORT`.
 * Unknown or missing name: one line on stderr listing the names, exit 2.
 */
import { isMainModule, listenBackend, runBackendCli, type StartedBackend } from '../../reference-backend/src/server.js';
import { type BrokenBackendOptions, brokenBackends } from './index.js';

export async function startBrokenBackend(
  name: string,
  options: BrokenBackendOptions & { host?: string; port?: number },
): Promise<StartedBackend> {
  const backend = brokenBackends[name];
  if (backend === undefined) throw new Error(`unknown broken backend ${JSON.stringify(name)}`);
  const { host, port, ...backendOptions } = options;
  return listenBackend(backend.build(backendOptions), { host, port });
}

if (isMainModule(import.meta.url)) {
  const name = process.argv[2];
  const backend = name === undefined ? undefined : brokenBackends[name];
  if (name === undefined || backend === undefined) {
    process.stderr.write(
      `broken backend: ${name === undefined ? 'missing name' : `unknown name ${JSON.stringify(name)}`}; one of: ${Object.keys(brokenBackends).join(', ')}\n`,
    );
    process.exit(2);
  }
  await runBackendCli(`broken backend ${name}`, (config) =>
    backend.build({
      alipayPublicKey: config.keys.alipayPublicKey,
      aesKey: config.keys.aesKey,
      appPublicKey: config.keys.appPublicKey,
      requireSignature: config.requireSignature,
    }),
  );
}
