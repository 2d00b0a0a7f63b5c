import type { AppPatch } from '../../../mock-gateway/src/model/app-schema.js';
import type { RuleInput } from '../../../mock-gateway/src/model/rule-schema.js';
import type { Expectation } from '../core/types.js';
import type { Minter } from './minter.js';

/** A scenario group's name (faq, login, security, custom, or a team's own); scenario-file.schema.json says the same. */
export const GROUP_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** A raw request body: text, bytes, or built at run time from the run's keys. */
export type RawBody = string | Uint8Array | ((mint: Minter) => string | Uint8Array);

/** What a scenario sets up on the gateway before it drives the page (all in the scenario's own session). */
export type Given =
  /** overlay console settings on the app (the cause: "the AES key is not set") */
  | { app: AppPatch }
  /** the member the page acts as: a fresh fake member (no consent) or one without a bound phone */
  | { member: { noMobile?: boolean; mobile?: string } }
  /** the member's consent: `none` = never tapped; `allow` = consented earlier (optionally with a lifetime) */
  | { consent: 'none' | 'allow'; ttlMs?: number }
  /** a fault rule (scoped to the scenario's session) */
  | { rule: RuleInput };

/** What the page (browser driver) or the JSAPI calls (http driver) do. */
export type Step =
  /** tap 授权手机号, then 允许 or 拒绝 on the consent sheet; with 允许 the page logic goes on to my.getPhoneNumber */
  | { do: 'tap-authorize'; choice: 'allow' | 'deny' }
  /** the page logs in: my.getAuthCode, then my.request to the backend's login endpoint with { authCode } */
  | { do: 'login' }
  /** the page calls my.getPhoneNumber without a tap (and forwards the result to the backend) */
  | { do: 'call-get-phone-number' }
  /** time passes on the gateway (session clock) */
  | { do: 'advance-clock'; ms: number }
  /** the member's consent expires now */
  | { do: 'expire-consent' }
  /** post a raw body to the backend's phone endpoint (security probes about the request body itself) */
  | { do: 'post-raw'; label: string; body: RawBody; contentType?: string }
  /**
   * send a crafted envelope the way the page sends `res.response`: the contract's phone request carries it (security
   * probes about the envelope, whatever body shape the team's API has)
   */
  | { do: 'post-envelope'; label: string; envelope: string | ((mint: Minter) => string) };

export interface ExpectContext {
  requireSignature: boolean;
}

export interface ScenarioDefinition {
  /** stable id (docs/scenarios.md) */
  id: string;
  /** faq, login, security (alimock's own), or a group of a team's own scenario files (default custom) */
  group: 'faq' | 'security' | 'login' | (string & {});
  title: string;
  /** the FAQ question (Chinese title) or the attack's name */
  faq: string;
  /** the cause set up, in words */
  cause: string;
  /** the FAQ's remedy or the security fix */
  remedy: string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  given: Given[];
  steps: Step[];
  expect: Expectation | ((ctx: ExpectContext) => Expectation);
  /** extra checks over the evidence (e.g. "the page never held the plain number") */
  checks?: Array<
    | 'envelope-hides-mobile'
    | 'page-shows-refusal'
    | 'no-phone-call'
    | 'backend-healthy'
    | 'status-4xx'
    | 'login-identifies-member'
    /** the page calls my.getPhoneNumber only after the tap on the phone button (FAQ Q1; browser driver) */
    | 'phone-after-tap'
  >;
  /** judge every backend answer against `expect` (not only the last one) */
  judgeEach?: boolean;
  /** what a reviewer should know (security scenarios: the attack and why it matters) */
  explanation?: string;
}

/** The DSL: returns the data unchanged, typed (the runner walks it). */
export function defineScenario(def: ScenarioDefinition): ScenarioDefinition {
  return def;
}

export function expectationFor(def: ScenarioDefinition, ctx: ExpectContext): Expectation {
  return typeof def.expect === 'function' ? def.expect(ctx) : def.expect;
}
