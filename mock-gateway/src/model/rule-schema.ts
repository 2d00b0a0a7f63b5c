/**
 * The fault rule, written once: this schema is the rule's TypeScript type (`Static`), its validator
 * (`rule-input.ts` reads the failures back as messages) and its OpenAPI document (`routes/openapi.ts`).
 * Each field's `x-must` says what a valid value is; messages and docs both show it.
 */
import { type Static, Type } from '@sinclair/typebox';
import {
  ENVELOPE_VARIANTS,
  type EnvelopeVariant,
  OUTCOME_IDS,
  type OutcomeId,
  TAMPERINGS,
  type Tampering,
} from '../protocol/index.js';
import { SESSION_ID_RULE, SESSION_PATTERN } from './session-id.js';

export const RULE_APIS = ['getPhoneNumber', 'authorize', 'getAuthCode', 'getSetting', 'gateway', 'any'] as const;
export type RuleApi = (typeof RULE_APIS)[number];

export const MAX_LATENCY_MS = 120_000;
export const MAX_HOLD_MS = 600_000;
export const MAX_STATUS_BODY = 65_536;

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** A string from a fixed list; its `x-must` names the list. */
function oneOf<T extends string>(values: readonly T[], description?: string) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { 'x-must': `one of ${quoted(values)}`, ...(description ? { description } : {}) },
  );
}

function int(min: number, max: number, description?: string) {
  return Type.Integer({ minimum: min, maximum: max, 'x-must': `an integer ${min}..${max}`, description });
}

const strict = { additionalProperties: false } as const;
const kind = <K extends string>(k: K) => Type.Literal(k);

/** One schema per action kind, keyed by kind: a body is checked against the schema its `kind` names. */
export const RULE_ACTION_SCHEMAS = {
  outcome: Type.Object(
    {
      kind: kind('outcome'),
      outcome: oneOf<OutcomeId>(OUTCOME_IDS),
      variant: Type.Optional(oneOf<EnvelopeVariant>(ENVELOPE_VARIANTS)),
    },
    { ...strict, description: 'force an Alipay outcome (optionally in a given envelope variant)' },
  ),
  envelope: Type.Object(
    { kind: kind('envelope'), variant: oneOf<EnvelopeVariant>(ENVELOPE_VARIANTS) },
    { ...strict, description: "keep the modelled outcome, change the envelope's shape" },
  ),
  tamper: Type.Object(
    { kind: kind('tamper'), tampering: oneOf<Tampering>(TAMPERINGS) },
    { ...strict, description: 'deliver a tampered envelope (security scenarios)' },
  ),
  latency: Type.Object(
    {
      kind: kind('latency'),
      ms: Type.Union(
        [
          Type.Integer({ minimum: 0, maximum: MAX_LATENCY_MS }),
          Type.Tuple([
            Type.Integer({ minimum: 0, maximum: MAX_LATENCY_MS }),
            Type.Integer({ minimum: 0, maximum: MAX_LATENCY_MS }),
          ]),
        ],
        { 'x-must': `an integer 0..${MAX_LATENCY_MS} or a range [min, max] with min <= max` },
      ),
    },
    { ...strict, description: 'delay the answer: fixed ms, or uniform in [min, max] (seeded)' },
  ),
  status: Type.Object(
    {
      kind: kind('status'),
      status: Type.Integer({ minimum: 200, maximum: 599, 'x-must': 'an integer HTTP status 200..599' }),
      body: Type.Optional(Type.String({ maxLength: MAX_STATUS_BODY, 'x-must': 'a string of at most 64 KiB' })),
    },
    { ...strict, description: 'answer with this HTTP status (and body) instead' },
  ),
  reset: Type.Object({ kind: kind('reset') }, { ...strict, description: 'destroy the connection without an answer' }),
  'no-answer': Type.Object(
    { kind: kind('no-answer'), holdMs: Type.Optional(int(0, MAX_HOLD_MS)) },
    {
      ...strict,
      description: 'never answer (the connection is held until the client gives up, or `holdMs` passes)',
    },
  ),
} as const;

export type RuleActionKind = keyof typeof RULE_ACTION_SCHEMAS;
export const RULE_ACTION_KINDS = Object.keys(RULE_ACTION_SCHEMAS) as RuleActionKind[];

export const RuleActionSchema = Type.Union(Object.values(RULE_ACTION_SCHEMAS), {
  description: 'what the rule does when it fires, by `kind`',
});
/** What a fault rule does when it fires. */
export type RuleAction = Static<typeof RuleActionSchema>;

const id = (what: string) => Type.String({ pattern: SESSION_PATTERN, 'x-must': SESSION_ID_RULE, description: what });

export const RuleScopeSchema = Type.Object(
  {
    session: Type.Optional(id('only calls in this session (never empty: leave it out for the global state)')),
    userId: Type.Optional(id('only calls for this member')),
    appId: Type.Optional(id('only calls for this app')),
    api: Type.Optional(oneOf<RuleApi>(RULE_APIS, 'only calls to this API')),
  },
  { ...strict, 'x-must': 'an object { session?, userId?, appId?, api? }' },
);
/** Which calls a rule applies to; every field given must match. */
export type RuleScope = Static<typeof RuleScopeSchema>;

const inputProperties = {
  action: RuleActionSchema,
  scope: Type.Optional(RuleScopeSchema),
  times: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      'x-must': 'an integer 1..1000000 (omit it for "every call")',
      description: 'fire for the next N matching calls only',
    }),
  ),
  probability: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      'x-must': 'a number from 0 to 1',
      description: 'chance to fire on each matching call',
    }),
  ),
  seed: Type.Optional(
    Type.Union([Type.Integer({ minimum: -(2 ** 53 - 1), maximum: 2 ** 53 - 1 }), Type.String({ maxLength: 128 })], {
      'x-must': 'an integer or a string of at most 128 characters',
      description: 'seed for probability and latency ranges; same seed → same sequence',
    }),
  ),
  note: Type.Optional(
    Type.String({
      maxLength: 500,
      'x-must': 'a string of at most 500 characters',
      description: 'shown in the journal',
    }),
  ),
};

export const RuleInputSchema = Type.Object(inputProperties, strict);
/** A rule as given: what it does, where, how often. */
export type RuleInput = Static<typeof RuleInputSchema>;

/** The admin API's body: a rule, with `session` as a shorthand for `scope.session`. */
export const RuleBodySchema = Type.Object(
  {
    session: Type.Optional(id('shorthand for scope.session')),
    ...inputProperties,
  },
  strict,
);
