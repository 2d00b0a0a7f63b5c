/**
 * The facts the root-cause rules read from a run: per scenario its verdicts (one per judged answer), whether the
 * payload the gateway issued was genuine (signed and encrypted), and its outcome.
 */
import type { HttpExchange, ScenarioResult, Verdict } from '../core/types.js';
import { readVerdict } from '../run/verdict.js';
import type { Contract } from '../target/contract.js';

export interface Facts {
  results: ScenarioResult[];
  byId: Map<string, ScenarioResult>;
  /** the verdicts of a scenario's judged answers (phone requests and probes), in order */
  verdicts(id: string): Verdict[];
  /** did any answer of this scenario accept? */
  accepted(id: string): boolean;
  failed(id: string): boolean;
  /** scenarios whose payload was genuine: signed by the run's Alipay key and encrypted with its AES key */
  genuine: ScenarioResult[];
}

const judged = (x: HttpExchange) => x.role === 'phone' || x.role === 'probe';

function isGenuine(envelope: string | undefined): boolean {
  if (!envelope) return false;
  try {
    const e = JSON.parse(envelope) as { response?: unknown; sign?: unknown };
    return typeof e.response === 'string' && typeof e.sign === 'string' && e.sign !== '';
  } catch {
    return false;
  }
}

export function gatherFacts(results: ScenarioResult[], contract: Contract): Facts {
  const byId = new Map(results.map((r) => [r.id, r]));
  const cache = new Map<string, Verdict[]>();
  const verdicts = (id: string): Verdict[] => {
    let v = cache.get(id);
    if (!v) {
      v = (byId.get(id)?.evidence.backend ?? []).filter(judged).map((x) => readVerdict(x, contract).verdict);
      cache.set(id, v);
    }
    return v;
  };
  // a tampered payload is not genuine, even though the journal holds the honest one it was made from
  const genuine = results.filter(
    (r) =>
      r.status !== 'skipped' &&
      (r.group === 'faq' || r.group === 'login') &&
      isGenuine(r.evidence.envelope) &&
      verdicts(r.id).length > 0,
  );
  return {
    results,
    byId,
    verdicts,
    accepted: (id) => verdicts(id).some((v) => v.kind === 'accepted'),
    failed: (id) => byId.get(id)?.status === 'failed',
    genuine,
  };
}

/** The code of a rejected verdict, if it is one. */
export function codeOf(v: Verdict | undefined): string | undefined {
  return v?.kind === 'rejected' ? v.code : undefined;
}
