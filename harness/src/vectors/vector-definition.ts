/**
 * How a vector is declared: its envelope builder and where its expected answer comes from — a scenario's
 * expectation (requireSignature on, the default contract), or, for payloads no scenario sends, a stated one.
 */
import type { Tampering } from '../../../mock-gateway/src/protocol/index.js';
import { expectationFor, type ScenarioDefinition } from '../scenario/types.js';
import { CONTRACT_CODES, type ContractCode } from '../target/contract.js';
import type { VectorKit } from './vector-kit.js';
import type { VectorExpect } from './vector-types.js';

export type ExpectSource =
  /** the scenario's expectation: what `alimock run` demands for the same payload */
  | { scenario: ScenarioDefinition }
  /** accepted, with the kit's mobile */
  | { accepted: true }
  | { codes: readonly ContractCode[] };

export interface VectorDefinition {
  id: string;
  title: string;
  why: string;
  expect: ExpectSource;
  build(kit: VectorKit): string;
}

function contractCodes(codes: readonly string[], where: string): ContractCode[] {
  for (const code of codes) {
    if (!(CONTRACT_CODES as readonly string[]).includes(code)) {
      throw new Error(`${where}: ${code} is not a code of the default contract`);
    }
  }
  return [...codes] as ContractCode[];
}

/** The answer a correct backend gives to the vector's envelope. */
export function resolveExpect(source: ExpectSource, mobile: string): VectorExpect {
  if ('accepted' in source) return { verdict: 'accepted', mobile };
  if ('codes' in source) return { verdict: 'rejected', codes: contractCodes(source.codes, 'vector') };
  const scenario = source.scenario;
  const expected = expectationFor(scenario, { requireSignature: true });
  switch (expected.kind) {
    case 'accepted':
      return { verdict: 'accepted', mobile: expected.mobile === 'issued' ? mobile : expected.mobile };
    case 'rejected':
      return { verdict: 'rejected', codes: contractCodes(expected.codes, scenario.id) };
    case 'same-answer':
      if (expected.codes) return { verdict: 'rejected', codes: contractCodes(expected.codes, scenario.id) };
      break;
    default:
      break;
  }
  throw new Error(`${scenario.id}: its expectation (${expected.kind}) gives no verdict for a single payload`);
}

/** The tampering a security scenario asks the gateway for (its `tamper` rule). */
export function tamperingOf(scenario: ScenarioDefinition): Tampering {
  for (const given of scenario.given) {
    if ('rule' in given && given.rule.action.kind === 'tamper') return given.rule.action.tampering;
  }
  throw new Error(`${scenario.id}: no tamper rule`);
}
