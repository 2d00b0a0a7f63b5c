/**
 * The fault rule, written once as JSON Schema: the rule's TypeScript types are derived from it (json-schema-to-ts,
 * types only: nothing loads at run time), the admin API validates against it (`rule-input.ts` turns the first
 * failure into a message) and the OpenAPI document shows it (`routes/openapi.ts`). Each field's `x-must` says what
 * a valid value is; messages and docs both show it.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { ENVELOPE_VARIANTS, OUTCOME_IDS, TAMPERINGS } from '../protocol/index.js';
import { SESSION_ID_RULE, SESSION_PATTERN } from './session-id.js';

export const RULE_APIS = ['getPhoneNumber', 'authorize', 'getAuthCode', 'getSetting', 'gateway', 'any'] as const;
export type RuleApi = (typeof RULE_APIS)[number];

export const MAX_LATENCY_MS = 120_000;
export const MAX_HOLD_MS = 600_000;

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

const outcome = { type: 'string', enum: OUTCOME_IDS, 'x-must': `one of ${quoted(OUTCOME_IDS)}` } as const;
const variant = { type: 'string', enum: ENVELOPE_VARIANTS, 'x-must': `one of ${quoted(ENVELOPE_VARIANTS)}` } as const;
const tampering = { type: 'string', enum: TAMPERINGS, 'x-must': `one of ${quoted(TAMPERINGS)}` } as const;
const latencyMs = { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS } as const;

/** One schema per action kind, keyed by kind: an action is checked against the schema its `kind` names. */
export const RULE_ACTION_SCHEMAS = {
  outcome: {
    type: 'object',
    description: 'force an Alipay outcome (optionally in a given envelope variant)',
    additionalProperties: false,
    required: ['kind', 'outcome'],
    properties: { kind: { const: 'outcome' }, outcome, variant },
  },
  envelope: {
    type: 'object',
    description: "keep the modelled outcome, change the envelope's shape",
    additionalProperties: false,
    required: ['kind', 'variant'],
    properties: { kind: { const: 'envelope' }, variant },
  },
  tamper: {
    type: 'object',
    description: 'deliver a tampered envelope (security scenarios)',
    additionalProperties: false,
    required: ['kind', 'tampering'],
    properties: { kind: { const: 'tamper' }, tampering },
  },
  latency: {
    type: 'object',
    description: 'delay the answer: fixed ms, or uniform in [min, max] (seeded)',
    additionalProperties: false,
    required: ['kind', 'ms'],
    properties: {
      kind: { const: 'latency' },
      ms: {
        anyOf: [latencyMs, { type: 'array', items: [latencyMs, latencyMs], minItems: 2, maxItems: 2 }],
        'x-must': `an integer 0..${MAX_LATENCY_MS} or a range [min, max] with min <= max`,
      },
    },
  },
  status: {
    type: 'object',
    description: 'answer with this HTTP status (and body) instead',
    additionalProperties: false,
    required: ['kind', 'status'],
    properties: {
      kind: { const: 'status' },
      status: { type: 'integer', minimum: 200, maximum: 599, 'x-must': 'an integer HTTP status 200..599' },
      body: { type: 'string', maxLength: 65_536, 'x-must': 'a string of at most 64 KiB' },
    },
  },
  reset: {
    type: 'object',
    description: 'destroy the connection without an answer',
    additionalProperties: false,
    required: ['kind'],
    properties: { kind: { const: 'reset' } },
  },
  'no-answer': {
    type: 'object',
    description: 'never answer (the connection is held until the client gives up, or `holdMs` passes)',
    additionalProperties: false,
    required: ['kind'],
    properties: {
      kind: { const: 'no-answer' },
      holdMs: { type: 'integer', minimum: 0, maximum: MAX_HOLD_MS, 'x-must': `an integer 0..${MAX_HOLD_MS}` },
    },
  },
} as const;

export type RuleActionKind = keyof typeof RULE_ACTION_SCHEMAS;
export const RULE_ACTION_KINDS = Object.keys(RULE_ACTION_SCHEMAS) as RuleActionKind[];

const actionSchema = {
  description: 'what the rule does when it fires, by `kind`',
  oneOf: [
    RULE_ACTION_SCHEMAS.outcome,
    RULE_ACTION_SCHEMAS.envelope,
    RULE_ACTION_SCHEMAS.tamper,
    RULE_ACTION_SCHEMAS.latency,
    RULE_ACTION_SCHEMAS.status,
    RULE_ACTION_SCHEMAS.reset,
    RULE_ACTION_SCHEMAS['no-answer'],
  ],
} as const;
/** What a fault rule does when it fires. */
export type RuleAction = FromSchema<typeof actionSchema>;

const id = { type: 'string', pattern: SESSION_PATTERN, 'x-must': SESSION_ID_RULE } as const;

export const RULE_SCOPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  'x-must': 'an object { session?, userId?, appId?, api? }',
  properties: {
    session: { ...id, description: 'only calls in this session (never empty: leave it out for the global state)' },
    userId: { ...id, description: 'only calls for this member' },
    appId: { ...id, description: 'only calls for this app' },
    api: { type: 'string', enum: RULE_APIS, 'x-must': `one of ${quoted(RULE_APIS)}` },
  },
} as const;
/** Which calls a rule applies to; every field given must match. */
export type RuleScope = FromSchema<typeof RULE_SCOPE_SCHEMA>;

const inputProperties = {
  action: actionSchema,
  scope: RULE_SCOPE_SCHEMA,
  times: {
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    'x-must': 'an integer 1..1000000 (omit it for "every call")',
    description: 'fire for the next N matching calls only',
  },
  probability: {
    type: 'number',
    minimum: 0,
    maximum: 1,
    'x-must': 'a number from 0 to 1',
    description: 'chance to fire on each matching call',
  },
  seed: {
    anyOf: [
      { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
      { type: 'string', maxLength: 128 },
    ],
    'x-must': 'an integer or a string of at most 128 characters',
    description: 'seed for probability and latency ranges; same seed → same sequence',
  },
  note: {
    type: 'string',
    maxLength: 500,
    'x-must': 'a string of at most 500 characters',
    description: 'shown in the journal',
  },
} as const;

export const RULE_INPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: inputProperties,
} as const;
/** A rule as given: what it does, where, how often. */
export type RuleInput = FromSchema<typeof RULE_INPUT_SCHEMA>;

/** The admin API's body: a rule, with `session` as a shorthand for `scope.session`. */
export const RULE_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: { session: { ...id, description: 'shorthand for scope.session' }, ...inputProperties },
} as const;
