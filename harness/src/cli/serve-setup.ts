/**
 * What `alimock serve` runs with: the backend contract, where the backend is (a URL, or a config's command to
 * start), the page the playground's phone shows (the FAQ sample, a team's mini-program or page script) and the keys —
 * from `--config FILE` (the same file `alimock run` reads), with the command line's flags on top.
 */
import { loadConfig } from '../config/load-config.js';
import { type ResolvedConfig, resolveConfig } from '../config/resolve-config.js';
import { type Contract, defaultContract } from '../target/contract.js';
import type { ServeOptions } from './serve-command.js';

export type ServePage =
  | { kind: 'sample' }
  | { kind: 'project'; root: string; page?: string; hosts?: Record<string, string>; button?: string }
  | { kind: 'script'; script: { path: string; source: string } };

export interface ServeSetup {
  contract: Contract;
  /** the backend: a URL, a config's target to start once the gateway listens, or none */
  target: { kind: 'url'; url: string } | { kind: 'start'; config: ResolvedConfig } | undefined;
  page: ServePage;
  keysDir: string | undefined;
  /** the app the page runs as (the config's `appId`); default: the keys' app.json */
  appId: string | undefined;
  /** what came from the config, in words (the playground shows it) */
  source: string | undefined;
}

export type SetupResult = { ok: true; value: ServeSetup } | { ok: false; reason: string };

function describeSource(path: string, config: ResolvedConfig, page: ServePage, ownContract: boolean): string {
  const parts: string[] = [];
  if (ownContract) parts.push('contract');
  if (config.target.kind !== 'reference') parts.push(`target (${config.target.kind})`);
  if (page.kind === 'project') parts.push('miniProgram');
  if (page.kind === 'script') parts.push('pageScript');
  if (config.appId !== undefined) parts.push(`appId ${config.appId}`);
  return `${path}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

export async function serveSetup(opts: ServeOptions): Promise<SetupResult> {
  const flagTarget = opts.target?.[0];
  if (opts.config === undefined) {
    return {
      ok: true,
      value: {
        contract: defaultContract,
        target: flagTarget !== undefined ? { kind: 'url', url: flagTarget } : undefined,
        page:
          opts.miniProgram !== undefined
            ? { kind: 'project', root: opts.miniProgram, ...(opts.page !== undefined ? { page: opts.page } : {}) }
            : { kind: 'sample' },
        keysDir: opts.keys,
        appId: undefined,
        source: undefined,
      },
    };
  }
  const loaded = await loadConfig(opts.config);
  if (!loaded.ok) return loaded;
  const resolved = resolveConfig(
    loaded.value.config,
    {
      ...(opts.miniProgram !== undefined ? { miniProgram: opts.miniProgram } : {}),
      ...(opts.page !== undefined ? { page: opts.page } : {}),
    },
    loaded.value.dir,
  );
  if (!resolved.ok) return { ok: false, reason: `${loaded.value.path ?? opts.config}: ${resolved.reason}` };
  const config = resolved.value;
  const mp = config.miniProgram;
  const page: ServePage = mp
    ? {
        kind: 'project',
        root: mp.root,
        ...(mp.page !== undefined ? { page: mp.page } : {}),
        ...(Object.keys(mp.hosts).length > 0 ? { hosts: mp.hosts } : {}),
        button: mp.button,
      }
    : config.pageScript
      ? { kind: 'script', script: config.pageScript }
      : { kind: 'sample' };
  const t = config.target;
  const target: ServeSetup['target'] =
    flagTarget !== undefined
      ? { kind: 'url', url: flagTarget }
      : t.kind === 'url'
        ? { kind: 'url', url: t.url as string }
        : t.kind === 'command' || t.kind === 'start'
          ? { kind: 'start', config }
          : undefined;
  return {
    ok: true,
    value: {
      contract: config.contract,
      target,
      page,
      keysDir: opts.keys ?? config.keysDir,
      appId: config.appId,
      source: describeSource(
        loaded.value.path ?? opts.config,
        config,
        page,
        Object.keys(loaded.value.config.contract ?? {}).length > 0,
      ),
    },
  };
}
