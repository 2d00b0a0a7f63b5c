import {
  ENVELOPE_VARIANTS,
  isEnvelopeVariant,
  isOutcomeId,
  isTampering,
  OUTCOME_IDS,
  TAMPERINGS,
} from '../protocol/index.js';
import { RULE_APIS, type RuleAction, type RuleApi, type RuleInput, type RuleScope } from './rules.js';
import { SESSION_ID_RULE, SESSION_RE } from './session-id.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ACTION_KINDS = ['outcome', 'envelope', 'tamper', 'latency', 'status', 'reset', 'no-answer'] as const;
const MAX_LATENCY = 120_000;

const list = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function unknownKeys(obj: Record<string, unknown>, allowed: string[], where: string): string | undefined {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${where}: unknown field "${extra}" (allowed: ${allowed.join(', ')})`;
}

function ms(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_LATENCY;
}

export function parseRuleAction(v: unknown): Parsed<RuleAction> {
  if (!isObj(v)) return { ok: false, reason: `action: must be an object with a "kind" (one of ${list(ACTION_KINDS)})` };
  const kind = v.kind;
  const bad = (reason: string): Parsed<RuleAction> => ({ ok: false, reason: `action (${String(kind)}): ${reason}` });
  switch (kind) {
    case 'outcome': {
      const e = unknownKeys(v, ['kind', 'outcome', 'variant'], 'action');
      if (e) return { ok: false, reason: e };
      if (!isOutcomeId(v.outcome)) return bad(`"outcome" must be one of ${list(OUTCOME_IDS)}`);
      if (v.variant !== undefined && !isEnvelopeVariant(v.variant))
        return bad(`"variant" must be one of ${list(ENVELOPE_VARIANTS)}`);
      return {
        ok: true,
        value: { kind, outcome: v.outcome, ...(v.variant !== undefined ? { variant: v.variant } : {}) },
      };
    }
    case 'envelope': {
      const e = unknownKeys(v, ['kind', 'variant'], 'action');
      if (e) return { ok: false, reason: e };
      if (!isEnvelopeVariant(v.variant)) return bad(`"variant" must be one of ${list(ENVELOPE_VARIANTS)}`);
      return { ok: true, value: { kind, variant: v.variant } };
    }
    case 'tamper': {
      const e = unknownKeys(v, ['kind', 'tampering'], 'action');
      if (e) return { ok: false, reason: e };
      if (!isTampering(v.tampering)) return bad(`"tampering" must be one of ${list(TAMPERINGS)}`);
      return { ok: true, value: { kind, tampering: v.tampering } };
    }
    case 'latency': {
      const e = unknownKeys(v, ['kind', 'ms'], 'action');
      if (e) return { ok: false, reason: e };
      if (ms(v.ms)) return { ok: true, value: { kind, ms: v.ms as number } };
      if (
        Array.isArray(v.ms) &&
        v.ms.length === 2 &&
        ms(v.ms[0]) &&
        ms(v.ms[1]) &&
        (v.ms[0] as number) <= (v.ms[1] as number)
      ) {
        return { ok: true, value: { kind, ms: [v.ms[0] as number, v.ms[1] as number] } };
      }
      return bad(`"ms" must be an integer 0..${MAX_LATENCY} or a range [min, max] with min <= max`);
    }
    case 'status': {
      const e = unknownKeys(v, ['kind', 'status', 'body'], 'action');
      if (e) return { ok: false, reason: e };
      if (typeof v.status !== 'number' || !Number.isInteger(v.status) || v.status < 200 || v.status > 599) {
        return bad('"status" must be an integer HTTP status 200..599');
      }
      if (v.body !== undefined && (typeof v.body !== 'string' || v.body.length > 65_536)) {
        return bad('"body" must be a string of at most 64 KiB');
      }
      return {
        ok: true,
        value: { kind, status: v.status, ...(v.body !== undefined ? { body: v.body as string } : {}) },
      };
    }
    case 'reset': {
      const e = unknownKeys(v, ['kind'], 'action');
      if (e) return { ok: false, reason: e };
      return { ok: true, value: { kind } };
    }
    case 'no-answer': {
      const e = unknownKeys(v, ['kind', 'holdMs'], 'action');
      if (e) return { ok: false, reason: e };
      if (
        v.holdMs !== undefined &&
        (typeof v.holdMs !== 'number' || !Number.isInteger(v.holdMs) || v.holdMs < 0 || v.holdMs > 600_000)
      ) {
        return bad('"holdMs" must be an integer 0..600000');
      }
      return { ok: true, value: { kind, ...(v.holdMs !== undefined ? { holdMs: v.holdMs as number } : {}) } };
    }
    default:
      return { ok: false, reason: `action.kind must be one of ${list(ACTION_KINDS)}` };
  }
}

function parseScope(v: unknown, session: unknown): Parsed<RuleScope> {
  if (v !== undefined && !isObj(v))
    return { ok: false, reason: 'scope: must be an object { session?, userId?, appId?, api? }' };
  const s = (v ?? {}) as Record<string, unknown>;
  const e = unknownKeys(s, ['session', 'userId', 'appId', 'api'], 'scope');
  if (e) return { ok: false, reason: e };
  const scope: RuleScope = {};
  const sess = s.session ?? session;
  for (const [k, val] of [
    ['session', sess],
    ['userId', s.userId],
    ['appId', s.appId],
  ] as const) {
    if (val === undefined || (val === '' && k !== 'session')) continue;
    if (typeof val !== 'string' || !SESSION_RE.test(val)) {
      const also = k === 'session' ? ' (never empty: leave it out for a rule of the global state)' : '';
      return { ok: false, reason: `scope.${k}: must be ${SESSION_ID_RULE}${also}` };
    }
    scope[k] = val;
  }
  if (s.api !== undefined) {
    if (!(RULE_APIS as readonly string[]).includes(s.api as string))
      return { ok: false, reason: `scope.api: must be one of ${list(RULE_APIS)}` };
    scope.api = s.api as RuleApi;
  }
  return { ok: true, value: scope };
}

/** Validates a rule as the admin API and scenario files give it; each reason says what to fix. */
export function parseRuleInput(v: unknown): Parsed<RuleInput> {
  if (!isObj(v))
    return { ok: false, reason: 'a rule must be a JSON object { action, scope?, times?, probability?, seed?, note? }' };
  const e = unknownKeys(v, ['action', 'scope', 'session', 'times', 'probability', 'seed', 'note'], 'rule');
  if (e) return { ok: false, reason: e };
  const action = parseRuleAction(v.action);
  if (!action.ok) return action;
  const scope = parseScope(v.scope, v.session);
  if (!scope.ok) return scope;
  const input: RuleInput = { action: action.value, scope: scope.value };
  if (v.times !== undefined) {
    if (typeof v.times !== 'number' || !Number.isInteger(v.times) || v.times < 1 || v.times > 1_000_000) {
      return { ok: false, reason: 'times: must be an integer 1..1000000 (omit it for "every call")' };
    }
    input.times = v.times;
  }
  if (v.probability !== undefined) {
    if (typeof v.probability !== 'number' || !(v.probability >= 0 && v.probability <= 1)) {
      return { ok: false, reason: 'probability: must be a number from 0 to 1' };
    }
    input.probability = v.probability;
  }
  if (v.seed !== undefined) {
    const okSeed =
      (typeof v.seed === 'number' && Number.isSafeInteger(v.seed)) ||
      (typeof v.seed === 'string' && v.seed.length <= 128);
    if (!okSeed) return { ok: false, reason: 'seed: must be an integer or a string of at most 128 characters' };
    input.seed = v.seed as number | string;
  }
  if (v.note !== undefined) {
    if (typeof v.note !== 'string' || v.note.length > 500)
      return { ok: false, reason: 'note: must be a string of at most 500 characters' };
    input.note = v.note;
  }
  return { ok: true, value: input };
}
