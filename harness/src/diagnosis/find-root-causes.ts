/**
 * The run's diagnosis: from the pattern of verdicts across scenarios — and, when genuine payloads were refused,
 * from the doctor's check of those payloads and a few diagnostic probes — the root causes, most fundamental first.
 */
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { ScenarioResult } from '../core/types.js';
import { diagnose } from '../doctor/diagnose.js';
import type { Contract } from '../target/contract.js';
import { codeOf, gatherFacts } from './facts.js';
import { type ProbeSender, runProbes } from './probes.js';
import { findCauses } from './rules.js';
import type { ProbeId, RootCause } from './types.js';

export interface RootCauseInput {
  results: ScenarioResult[];
  contract: Contract;
  keys: KeyMaterial;
  /** sends a probe payload to the backend; without it no probe is sent */
  probe?: ProbeSender;
  /** where the refused payloads are saved, as the user would type it (default `payloads`) */
  payloadDir?: string;
}

/** Does the doctor verify and decrypt these payloads with the run's keys? (Then the backend is the one at fault.) */
function doctorConfirms(results: ScenarioResult[], keys: KeyMaterial) {
  return (ids: string[]): string | undefined => {
    const payloads = ids.flatMap((id) => {
      const env = results.find((r) => r.id === id)?.evidence.envelope;
      return env ? [env] : [];
    });
    if (payloads.length === 0) return undefined;
    const good = payloads.filter((envelope) => {
      const d = diagnose({ envelope, alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey });
      const status = (step: string) => d.steps.find((s) => s.step === step)?.status;
      return status('verify') === 'ok' && status('decrypt') === 'ok';
    });
    return good.length === payloads.length
      ? `alimock doctor verifies and decrypts ${good.length === 1 ? 'this payload' : `all ${good.length} of these payloads`} with this run's keys (${keys.dir}): the payloads are sound, the backend reads them differently`
      : undefined;
  };
}

export async function findRootCauses(input: RootCauseInput): Promise<RootCause[]> {
  const facts = gatherFacts(input.results, input.contract);
  const refusedCodes = facts.genuine
    .filter((r) => r.status === 'failed')
    .map((r) => codeOf(facts.verdicts(r.id).at(-1)));
  const which: ProbeId[] = [];
  if (refusedCodes.some((c) => c === 'SIGNATURE_INVALID' || c === 'SIGNATURE_MISSING')) {
    if (!facts.byId.has('sec-sign-unquoted')) which.push('unquoted-signature');
    which.push('app-key-signature');
  }
  if (refusedCodes.includes('DECRYPT_FAILED')) which.push('utf8-aes-key');
  const probes = input.probe && which.length > 0 ? await runProbes(input.keys, input.probe, which) : {};
  return findCauses({
    facts,
    probes,
    keysDir: input.keys.dir,
    payloadDir: input.payloadDir ?? 'payloads',
    doctorConfirms: doctorConfirms(input.results, input.keys),
  });
}
