/**
 * After the scenarios: the run's root causes (with diagnostic probes sent the way the page sends its phone
 * request, in a session of their own), and the refused genuine payloads saved for `alimock doctor`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { ScenarioResult } from '../core/types.js';
import { findRootCauses } from '../diagnosis/find-root-causes.js';
import type { ProbeSender } from '../diagnosis/probes.js';
import type { RootCause } from '../diagnosis/types.js';
import type { GatewayHandle } from '../integrations/gateway-handle.js';
import type { LoginResult } from '../target/contract.js';
import { mapsLogin } from '../target/contract.js';
import { readLoginAnswer } from '../target/login.js';
import { buildLoginCall, buildPhoneCall } from '../target/requests.js';
import type { TargetClient } from '../target/target-client.js';
import { readVerdict } from './verdict.js';

export interface DiagnoseRunContext {
  config: ResolvedConfig;
  keys: KeyMaterial;
  client: TargetClient;
  /** a session of its own, for the probes' login */
  admin: GatewayHandle;
}

function probeSender(ctx: DiagnoseRunContext): ProbeSender {
  const { config, client, admin, keys } = ctx;
  let login: Promise<LoginResult | undefined> | undefined;
  const logIn = async (): Promise<LoginResult | undefined> => {
    if (!mapsLogin(config.contract)) return undefined;
    const code = await admin.getAuthCode({ appId: config.appId ?? keys.appId });
    const call = buildLoginCall(config.contract, client.url, code);
    if (!call.ok) throw new Error(call.reason);
    const outcome = readLoginAnswer(await client.send(call.value, { role: 'login' }), config.contract);
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.value;
  };
  return async (envelope, label) => {
    if (client.givenUp()) throw new Error(client.givenUp());
    login ??= logIn();
    const call = buildPhoneCall(config.contract, client.url, envelope, await login);
    if (!call.ok) throw new Error(call.reason);
    return readVerdict(await client.send(call.value, { label, role: 'probe' }), config.contract).verdict;
  };
}

/** The root causes of the run's failures, most fundamental first (none when everything passed). */
export async function diagnoseRun(results: ScenarioResult[], ctx: DiagnoseRunContext): Promise<RootCause[]> {
  if (!results.some((r) => r.status === 'failed')) return [];
  try {
    return await findRootCauses({
      results,
      contract: ctx.config.contract,
      keys: ctx.keys,
      probe: probeSender(ctx),
      payloadDir: join(relative(process.cwd(), ctx.config.reportDir) || '.', 'payloads'),
    });
  } catch {
    return [];
  } finally {
    await ctx.admin.reset().catch(() => undefined);
  }
}

/** The payload of each failed scenario, as the page received it, for `alimock doctor --file payloads/<id>.txt`. */
export async function savePayloads(reportDir: string, results: ScenarioResult[]): Promise<void> {
  const failed = results.filter((r) => r.status === 'failed' && r.evidence.envelope);
  if (failed.length === 0) return;
  const dir = join(reportDir, 'payloads');
  await mkdir(dir, { recursive: true });
  await Promise.all(failed.map((r) => writeFile(join(dir, `${r.id}.txt`), r.evidence.envelope as string)));
}
