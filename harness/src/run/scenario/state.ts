/**
 * What one scenario builds up as it runs, phase by phase (set up → steps → evidence → judge): the page, the
 * requests sent, the timeline, the evidence and the failures. Each phase reads and extends it.
 */
import type { KeyObject } from 'node:crypto';
import type { KeyMaterial } from '../../../../mock-gateway/src/keys/key-material.js';
import type { JournalEntry } from '../../../../mock-gateway/src/model/journal.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { Evidence, Expectation, Failure, HttpExchange, StepRecord, Verdict } from '../../core/types.js';
import type { Driver, DriverSession } from '../../driver/types.js';
import type { GatewayHandle } from '../../integrations/gateway-handle.js';
import type { ScenarioDefinition } from '../../scenario/types.js';
import type { LoginResult } from '../../target/contract.js';
import type { TargetClient } from '../../target/target-client.js';

export interface ScenarioEnv {
  driver: Driver;
  /** the gateway's base URL, for the page and the http driver */
  gatewayUrl: string;
  /** the gateway's foreign key pair, for payloads a scenario mints itself */
  foreign: () => { privateKey: KeyObject; aesKey: string };
  /** the admin API bound to a session (in-process: no HTTP for the harness's own set-up calls) */
  admin: (session: string) => GatewayHandle;
  /** every request to the target goes through it */
  target: TargetClient;
  config: ResolvedConfig;
  keys: KeyMaterial;
  runId: string;
}

export interface ScenarioState {
  readonly def: ScenarioDefinition;
  readonly env: ScenarioEnv;
  readonly session: string;
  readonly gw: GatewayHandle;
  readonly appId: string;
  /** the member the page acts as */
  userId: string;
  readonly expected: Expectation;
  readonly steps: StepRecord[];
  readonly failures: Failure[];
  page?: DriverSession;
  /** requests the harness sends itself (security probes, a login without a page), in order */
  readonly raw: HttpExchange[];
  /** the login the page holds (a mapped contract logs in first) */
  login?: LoginResult;
  journal: JournalEntry[];
  evidence: Evidence;
  /** the verdict the judge phase judged (the report's): set by judgeAnswers */
  verdict?: Verdict;
  /** ms since the scenario started */
  at(): number;
}

/** A step failed for a reason in domain words (shown as the failure, not as a harness fault). */
export class StepFailure extends Error {}
