/**
 * Reads a rule body against its schema (`rule-schema.ts`) and turns the first failure into a message that names
 * the field and what a valid value is (the schema's `x-must`).
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import {
  RULE_ACTION_KINDS,
  RULE_ACTION_SCHEMAS,
  type RuleAction,
  type RuleActionKind,
  type RuleInput,
  RuleInputSchema,
  RuleScopeSchema,
} from './rule-schema.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const must = (schema: TSchema): string => (schema['x-must'] as string | undefined) ?? 'valid';

/**
 * The first way `value` fails `schema`, as `[field, text]`: an unknown field, or a field whose value is wrong
 * (`text` is then the schema's `x-must`). Undefined when the value is valid.
 */
function firstFailure(
  schema: TObject,
  value: Record<string, unknown>,
): { field: string; unknown: boolean } | undefined {
  const allowed = Object.keys(schema.properties);
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) return { field: extra, unknown: true };
  const error = Value.Errors(schema, value).First();
  if (!error) return undefined;
  // paths look like /field or /field/0: the field is the first segment
  const field = error.path.split('/')[1] ?? '';
  return { field, unknown: error.type === ValueErrorType.ObjectAdditionalProperties };
}

function fieldReason(schema: TObject, where: string, failure: { field: string; unknown: boolean }): string {
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
  const schema = RULE_ACTION_SCHEMAS[kind as RuleActionKind] as TObject;
  const failure = firstFailure(schema, v);
  if (failure) {
    const reason = fieldReason(schema, 'action', failure);
    return { ok: false, reason: failure.unknown ? reason : `action (${kind}): ${reason}` };
  }
  const action = v as RuleAction;
  if (action.kind === 'latency' && Array.isArray(action.ms) && action.ms[0] > action.ms[1])
    return { ok: false, reason: `action (latency): "ms" must be ${must(schema.properties.ms as TSchema)}` };
  return { ok: true, value: action };
}

function parseScope(v: unknown, session: unknown): Parsed<RuleInput['scope'] & object> {
  if (v !== undefined && !isObj(v)) return { ok: false, reason: `scope: must be ${must(RuleScopeSchema)}` };
  const given = { ...((v ?? {}) as Record<string, unknown>) };
  if (given.session === undefined && session !== undefined) given.session = session;
  // an empty member or app id means "any" (forms send ""); an empty session never does
  for (const k of ['userId', 'appId']) if (given[k] === '') delete given[k];
  const failure = firstFailure(RuleScopeSchema, given);
  if (failure) {
    if (failure.unknown) return { ok: false, reason: fieldReason(RuleScopeSchema, 'scope', failure) };
    const sub = RuleScopeSchema.properties[failure.field as keyof typeof RuleScopeSchema.properties];
    const also =
      failure.field === 'session' && sub.pattern ? ' (never empty: leave it out for a rule of the global state)' : '';
    return { ok: false, reason: `scope.${failure.field}: must be ${must(sub)}${also}` };
  }
  return { ok: true, value: given as RuleInput['scope'] & object };
}

const TOP_LEVEL = ['session', ...Object.keys(RuleInputSchema.properties)];

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
  const input = { ...rest, action: action.value, scope: scope.value };
  const failure = firstFailure(RuleInputSchema, input);
  if (failure) {
    const sub = RuleInputSchema.properties[failure.field as keyof typeof RuleInputSchema.properties];
    return { ok: false, reason: `${failure.field}: must be ${sub ? must(sub) : 'valid'}` };
  }
  return { ok: true, value: input as RuleInput };
}
