import { mulberry32, seedFrom } from './prng.js';
import type { RuleAction, RuleApi, RuleInput, RuleScope } from './rule-schema.js';

export interface FaultRule extends RuleInput {
  id: string;
  scope: RuleScope;
  /** calls that matched the scope */
  matched: number;
  /** times it fired */
  fired: number;
  /** remaining firings, when `times` was given */
  remaining?: number;
  random: () => number;
}

export interface CallContext {
  session: string;
  api: Exclude<RuleApi, 'any'>;
  userId?: string;
  appId?: string;
}

export function createRule(id: string, input: RuleInput): FaultRule {
  return {
    ...input,
    id,
    scope: input.scope ?? {},
    matched: 0,
    fired: 0,
    ...(input.times !== undefined ? { remaining: input.times } : {}),
    random: mulberry32(seedFrom(input.seed ?? id)),
  };
}

export function scopeMatches(scope: RuleScope, call: CallContext): boolean {
  if (scope.session !== undefined && scope.session !== call.session) return false;
  if (scope.api !== undefined && scope.api !== 'any' && scope.api !== call.api) return false;
  if (scope.userId !== undefined && scope.userId !== call.userId) return false;
  if (scope.appId !== undefined && scope.appId !== call.appId) return false;
  return true;
}

/** Decides whether a rule fires for this call, updating its counters (times, seeded probability). */
export function tryFire(rule: FaultRule, call: CallContext): boolean {
  if (!scopeMatches(rule.scope, call)) return false;
  if (rule.remaining !== undefined && rule.remaining <= 0) return false;
  rule.matched++;
  if (rule.probability !== undefined && rule.random() >= rule.probability) return false;
  rule.fired++;
  if (rule.remaining !== undefined) rule.remaining--;
  return true;
}

export function latencyMs(rule: FaultRule & { action: { kind: 'latency' } }): number {
  const ms = rule.action.ms;
  if (typeof ms === 'number') return ms;
  const [min, max] = ms;
  return Math.round(min + rule.random() * (max - min));
}

/** The decision for one call after walking the rules: a payload change and/or transport faults. */
export interface FaultDecision {
  payload?: Extract<RuleAction, { kind: 'outcome' | 'envelope' | 'tamper' }>;
  latencyMs: number;
  transport?: Extract<RuleAction, { kind: 'status' | 'reset' | 'no-answer' }>;
  firedRuleIds: string[];
}

/**
 * Walks the rules (session rules first, then global, each in creation order). Latencies add up; the first payload
 * rule and the first terminal transport rule that fire win; rules that cannot apply any more are not consulted.
 */
const NO_FAULTS: FaultDecision = Object.freeze({
  latencyMs: 0,
  firedRuleIds: Object.freeze([]) as unknown as string[],
});

export function decideFaults(rules: Iterable<FaultRule>, call: CallContext): FaultDecision {
  // the common case, no rule at all: nothing to allocate
  if (Array.isArray(rules) && rules.length === 0) return NO_FAULTS;
  const decision: FaultDecision = { latencyMs: 0, firedRuleIds: [] };
  for (const rule of rules) {
    const kind = rule.action.kind;
    const isPayload = kind === 'outcome' || kind === 'envelope' || kind === 'tamper';
    const isTransport = kind === 'status' || kind === 'reset' || kind === 'no-answer';
    if (isPayload && decision.payload) continue;
    if (isTransport && decision.transport) continue;
    if (!tryFire(rule, call)) continue;
    decision.firedRuleIds.push(rule.id);
    const action = rule.action;
    if (action.kind === 'latency') decision.latencyMs += latencyMs(rule as FaultRule & { action: typeof action });
    else if (action.kind === 'outcome' || action.kind === 'envelope' || action.kind === 'tamper')
      decision.payload = action;
    else decision.transport = action;
  }
  return decision;
}

/** A rule as the admin API shows it (no PRNG). */
export function publicRule(rule: FaultRule): Omit<FaultRule, 'random'> {
  const { random: _random, ...rest } = rule;
  return rest;
}
