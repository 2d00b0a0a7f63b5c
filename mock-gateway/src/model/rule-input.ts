/**
 * Reads a rule body against its schema (`rule-schema.ts`) and turns the first failure into a message that names
 * the field and what a valid value is (the schema's `x-must`).
 */
import {
  RULE_ACTION_KINDS,
  RULE_ACTION_SCHEMAS,
  RULE_INPUT_SCHEMA,
  RULE_SCOPE_SCHEMA,
  type RuleAction,
  type RuleActionKind,
  type RuleInput,
  type RuleScope,
} from './rule-schema.js';
import { type SchemaCheck, schemaCheck } from './schema-check.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

interface ObjectSchema {
  properties: Record<string, Schema>;
  'x-must'?: string;
}
interface Schema {
  'x-must'?: string;
  pattern?: string;
}

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const must = (schema: Schema | undefined): string => schema?.['x-must'] ?? 'valid';

/** An object schema with its check (compiled on first use). */
interface Checked {
  schema: ObjectSchema;
  check: SchemaCheck;
}
const checked = (schema: object): Checked => ({ schema: schema as ObjectSchema, check: schemaCheck(schema) });

const ACTIONS = Object.fromEntries(RULE_ACTION_KINDS.map((k) => [k, checked(RULE_ACTION_SCHEMAS[k])])) as Record<
  RuleActionKind,
  Checked
>;
const SCOPE = checked(RULE_SCOPE_SCHEMA);
/** The rule's own fields, checked last: action and scope were checked on their own already. */
const { action: _a, scope: _s, ...restProperties } = RULE_INPUT_SCHEMA.properties;
const REST = checked({ type: 'object', additionalProperties: false, properties: restProperties });

interface Failure {
  field: string;
  unknown: boolean;
}

/** The first way `value` fails `schema`: an unknown field, or the field whose value is wrong. */
function firstFailure({ schema, check }: Checked, value: Record<string, unknown>): Failure | undefined {
  const allowed = Object.keys(schema.properties);
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) return { field: extra, unknown: true };
  if (check(value)) return undefined;
  const error = check.errors?.[0];
  // paths look like /field or /field/0: the field is the first segment; a missing field is named in params
  const field = error?.instancePath.split('/')[1] ?? String(error?.params.missingProperty ?? '');
  return { field, unknown: false };
}

function fieldReason(schema: ObjectSchema, where: string, failure: Failure): string {
  if (failure.unknown)
    return `${where}: unknown field "${failure.field}" (allowed: ${Object.keys(schema.properties).join(', ')})`;
  const sub = schema.properties[failure.field];
  return sub ? `"${failure.field}" must be ${must(sub)}` : `${where}: must be ${must(schema)}`;
}

export function parseRuleAction(v: unknown): Parsed<RuleAction> {
  if (!isObj(v))
    return { ok: false, reason: `action: must be an object with a "kind" (one of ${quoted(RULE_ACTION_KINDS)})` };
  const kind = v.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(RULE_ACTION_SCHEMAS, kind))
    return { ok: false, reason: `action.kind must be one of ${quoted(RULE_ACTION_KINDS)}` };
  const action = ACTIONS[kind as RuleActionKind];
  const { schema } = action;
  const failure = firstFailure(action, v);
  if (failure) {
    const reason = fieldReason(schema, 'action', failure);
    return { ok: false, reason: failure.unknown ? reason : `action (${kind}): ${reason}` };
  }
  const value = v as RuleAction;
  if (value.kind === 'latency' && Array.isArray(value.ms) && value.ms[0] > value.ms[1])
    return { ok: false, reason: `action (latency): "ms" must be ${must(schema.properties.ms)}` };
  return { ok: true, value };
}

function parseScope(v: unknown, session: unknown): Parsed<RuleScope> {
  if (v !== undefined && !isObj(v)) return { ok: false, reason: `scope: must be ${must(SCOPE.schema)}` };
  const given = { ...((v ?? {}) as Record<string, unknown>) };
  if (given.session === undefined && session !== undefined) given.session = session;
  // an empty member or app id means "any" (forms send ""); an empty session never does
  for (const k of ['userId', 'appId']) if (given[k] === '') delete given[k];
  const failure = firstFailure(SCOPE, given);
  if (failure) {
    if (failure.unknown) return { ok: false, reason: fieldReason(SCOPE.schema, 'scope', failure) };
    const sub = SCOPE.schema.properties[failure.field];
    const also =
      failure.field === 'session' && sub?.pattern ? ' (never empty: leave it out for a rule of the global state)' : '';
    return { ok: false, reason: `scope.${failure.field}: must be ${must(sub)}${also}` };
  }
  return { ok: true, value: given as RuleScope };
}

const TOP_LEVEL = ['session', ...Object.keys(RULE_INPUT_SCHEMA.properties)];

/** Validates a rule as the admin API and scenario files give it; each reason says what to fix. */
export function parseRuleInput(v: unknown): Parsed<RuleInput> {
  if (!isObj(v))
    return { ok: false, reason: 'a rule must be a JSON object { action, scope?, times?, probability?, seed?, note? }' };
  const extra = Object.keys(v).find((k) => !TOP_LEVEL.includes(k));
  if (extra !== undefined)
    return { ok: false, reason: `rule: unknown field "${extra}" (allowed: ${TOP_LEVEL.join(', ')})` };
  const { session, action: rawAction, scope: rawScope, ...rest } = v;
  const action = parseRuleAction(rawAction);
  if (!action.ok) return action;
  const scope = parseScope(rawScope, session);
  if (!scope.ok) return scope;
  const failure = firstFailure(REST, rest);
  if (failure) return { ok: false, reason: `${failure.field}: must be ${must(REST.schema.properties[failure.field])}` };
  return { ok: true, value: { ...rest, action: action.value, scope: scope.value } as RuleInput };
}
