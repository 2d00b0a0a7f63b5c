import { describe, expect, it } from 'vitest';
import { parseRuleAction, parseRuleInput } from './rule-input.js';
import { RULE_BODY_SCHEMA, type RuleAction, type RuleInput } from './rule-schema.js';
import {
  type CallContext,
  createRule,
  decideFaults,
  type FaultRule,
  latencyMs,
  publicRule,
  scopeMatches,
  tryFire,
} from './rules.js';
import { schemaCheck } from './schema-check.js';

const call: CallContext = { session: 's1', api: 'getPhoneNumber', appId: 'app-1', userId: '2088000000000001' };
const busy: RuleAction = { kind: 'outcome', outcome: '20000' };

function fireSequence(rule: FaultRule, n: number, ctx: CallContext = call): boolean[] {
  return Array.from({ length: n }, () => tryFire(rule, ctx));
}

function latencies(input: RuleInput, n: number): number[] {
  const rule = createRule('r', input) as FaultRule & { action: { kind: 'latency' } };
  return Array.from({ length: n }, () => latencyMs(rule));
}

describe('times', () => {
  it('fires for the next N matching calls only, then never again', () => {
    const rule = createRule('r', { action: busy, times: 3 });
    expect(fireSequence(rule, 6)).toEqual([true, true, true, false, false, false]);
    expect(rule.fired).toBe(3);
    expect(rule.remaining).toBe(0);
    expect(rule.matched).toBe(3);
  });

  it('is not used up by calls outside its scope', () => {
    const rule = createRule('r', { action: busy, times: 2, scope: { userId: 'u-2' } });
    expect(fireSequence(rule, 5)).toEqual([false, false, false, false, false]);
    expect(rule.remaining).toBe(2);
    expect(fireSequence(rule, 3, { ...call, userId: 'u-2' })).toEqual([true, true, false]);
  });

  it('with a probability, counts firings, not matches', () => {
    const rule = createRule('r', { action: busy, times: 5, probability: 0.5, seed: 1 });
    const seq = fireSequence(rule, 200);
    expect(seq.filter(Boolean)).toHaveLength(5);
    expect(rule.fired).toBe(5);
    expect(rule.matched).toBeGreaterThan(5);
  });

  it('without times, fires on every matching call', () => {
    const rule = createRule('r', { action: busy });
    expect(fireSequence(rule, 50).every(Boolean)).toBe(true);
    expect(rule.remaining).toBeUndefined();
  });
});

describe('seeded probability', () => {
  const N = 1_000;
  const p = 0.3;

  it('the same seed gives the same fire sequence over 1,000 calls', () => {
    const a = fireSequence(createRule('a', { action: busy, probability: p, seed: 42 }), N);
    const b = fireSequence(createRule('b', { action: busy, probability: p, seed: 42 }), N);
    expect(a).toEqual(b);
  });

  it('string seeds are reproducible too', () => {
    const a = fireSequence(createRule('a', { action: busy, probability: p, seed: 'flaky-busy' }), N);
    const b = fireSequence(createRule('b', { action: busy, probability: p, seed: 'flaky-busy' }), N);
    expect(a).toEqual(b);
    const c = fireSequence(createRule('c', { action: busy, probability: p, seed: 'flaky-busz' }), N);
    expect(c).not.toEqual(a);
  });

  it('a different seed gives a different sequence', () => {
    const a = fireSequence(createRule('a', { action: busy, probability: p, seed: 42 }), N);
    const b = fireSequence(createRule('b', { action: busy, probability: p, seed: 43 }), N);
    expect(a).not.toEqual(b);
  });

  it('without a seed, the rule id seeds it (reproducible per id)', () => {
    const a = fireSequence(createRule('rule-1', { action: busy, probability: p }), N);
    const b = fireSequence(createRule('rule-1', { action: busy, probability: p }), N);
    const c = fireSequence(createRule('rule-2', { action: busy, probability: p }), N);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it.each([0.05, 0.3, 0.5, 0.9])('the observed rate is within 0.05 of p = %s (several seeds)', (prob) => {
    for (const seed of [1, 2, 3, 99, 123456]) {
      const rule = createRule('r', { action: busy, probability: prob, seed });
      const rate = fireSequence(rule, N).filter(Boolean).length / N;
      expect(Math.abs(rate - prob)).toBeLessThan(0.05);
      expect(rule.matched).toBe(N);
      expect(rule.fired).toBe(Math.round(rate * N));
    }
  });

  it('probability 0 never fires, 1 always fires', () => {
    expect(fireSequence(createRule('r', { action: busy, probability: 0, seed: 5 }), N).some(Boolean)).toBe(false);
    expect(fireSequence(createRule('r', { action: busy, probability: 1, seed: 5 }), N).every(Boolean)).toBe(true);
  });
});

describe('latency', () => {
  it('a fixed latency is that many ms every time', () => {
    expect(latencies({ action: { kind: 'latency', ms: 150 } }, 20)).toEqual(Array(20).fill(150));
  });

  it('a range is deterministic per seed, integral and within [min, max]', () => {
    const action: RuleAction = { kind: 'latency', ms: [100, 300] };
    const a = latencies({ action, seed: 9 }, 500);
    const b = latencies({ action, seed: 9 }, 500);
    const c = latencies({ action, seed: 10 }, 500);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const ms of [...a, ...c]) {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(100);
      expect(ms).toBeLessThanOrEqual(300);
    }
    // spread over the range, not stuck at one end
    expect(Math.min(...a)).toBeLessThan(120);
    expect(Math.max(...a)).toBeGreaterThan(280);
  });

  it('a degenerate range [n, n] is n', () => {
    expect(latencies({ action: { kind: 'latency', ms: [7, 7] }, seed: 3 }, 10)).toEqual(Array(10).fill(7));
  });
});

describe('scope matching', () => {
  it.each([
    [{}, true],
    [{ session: 's1' }, true],
    [{ session: 's2' }, false],
    [{ userId: '2088000000000001' }, true],
    [{ userId: '2088000000000002' }, false],
    [{ appId: 'app-1' }, true],
    [{ appId: 'app-2' }, false],
    [{ api: 'getPhoneNumber' }, true],
    [{ api: 'any' }, true],
    [{ api: 'authorize' }, false],
    [{ api: 'gateway' }, false],
    [{ session: 's1', userId: '2088000000000001', appId: 'app-1', api: 'getPhoneNumber' }, true],
    [{ session: 's1', userId: '2088000000000001', appId: 'app-2', api: 'getPhoneNumber' }, false],
  ] as const)('scope %j matches the call: %s', (scope, expected) => {
    expect(scopeMatches(scope, call)).toBe(expected);
  });

  it('a call without a user or app does not match a scope that names one', () => {
    expect(scopeMatches({ userId: 'x' }, { session: 's1', api: 'gateway' })).toBe(false);
    expect(scopeMatches({ appId: 'x' }, { session: 's1', api: 'gateway' })).toBe(false);
  });

  it('an out-of-scope call neither fires nor counts as matched', () => {
    const rule = createRule('r', { action: busy, scope: { api: 'authorize' } });
    expect(tryFire(rule, call)).toBe(false);
    expect(rule.matched).toBe(0);
    expect(tryFire(rule, { ...call, api: 'authorize' })).toBe(true);
    expect(rule.matched).toBe(1);
  });
});

describe('decideFaults precedence', () => {
  it('no rules → no faults', () => {
    expect(decideFaults([], call)).toEqual({ latencyMs: 0, firedRuleIds: [] });
  });

  it('latencies add up', () => {
    const rules = [
      createRule('l1', { action: { kind: 'latency', ms: 100 } }),
      createRule('l2', { action: { kind: 'latency', ms: 30 } }),
      createRule('l3', { action: { kind: 'latency', ms: 5 }, scope: { api: 'authorize' } }),
    ];
    const d = decideFaults(rules, call);
    expect(d.latencyMs).toBe(130);
    expect(d.firedRuleIds).toEqual(['l1', 'l2']);
  });

  it('the first payload rule wins; later payload rules are not consulted (nor used up)', () => {
    const later = createRule('p2', { action: { kind: 'envelope', variant: 'plain' }, times: 1 });
    const rules = [
      createRule('p1', { action: busy, times: 1 }),
      later,
      createRule('p3', { action: { kind: 'tamper', tampering: 'flip-bit' } }),
    ];
    const first = decideFaults(rules, call);
    expect(first.payload).toEqual(busy);
    expect(first.firedRuleIds).toEqual(['p1']);
    expect(later.matched).toBe(0);
    expect(later.remaining).toBe(1);
    // p1 is used up: p2 now wins, once; then p3 for ever
    expect(decideFaults(rules, call).payload).toEqual({ kind: 'envelope', variant: 'plain' });
    expect(decideFaults(rules, call).payload).toEqual({ kind: 'tamper', tampering: 'flip-bit' });
    expect(decideFaults(rules, call).payload).toEqual({ kind: 'tamper', tampering: 'flip-bit' });
  });

  it('a payload rule that does not fire (probability) lets the next one win', () => {
    const rules = [
      createRule('never', { action: busy, probability: 0 }),
      createRule('p2', { action: { kind: 'outcome', outcome: '40003' } }),
    ];
    const d = decideFaults(rules, call);
    expect(d.payload).toEqual({ kind: 'outcome', outcome: '40003' });
    expect(d.firedRuleIds).toEqual(['p2']);
  });

  it('the first transport rule wins; payload, transport and latency combine', () => {
    const rules = [
      createRule('lat', { action: { kind: 'latency', ms: 10 } }),
      createRule('st', { action: { kind: 'status', status: 502, body: 'bad gateway' } }),
      createRule('rst', { action: { kind: 'reset' } }),
      createRule('pay', { action: busy }),
      createRule('lat2', { action: { kind: 'latency', ms: 20 } }),
    ];
    const d = decideFaults(rules, call);
    expect(d.transport).toEqual({ kind: 'status', status: 502, body: 'bad gateway' });
    expect(d.payload).toEqual(busy);
    expect(d.latencyMs).toBe(30);
    expect(d.firedRuleIds).toEqual(['lat', 'st', 'pay', 'lat2']);
    expect(rules[2]?.matched).toBe(0);
  });

  it('order decides between a session rule and a global one (the store lists session rules first)', () => {
    const sessionRule = createRule('s', { action: { kind: 'outcome', outcome: '40006' }, scope: { session: 's1' } });
    const globalRule = createRule('g', { action: busy });
    expect(decideFaults([sessionRule, globalRule], call).payload).toEqual({ kind: 'outcome', outcome: '40006' });
    expect(decideFaults([sessionRule, globalRule], { ...call, session: 's2' }).payload).toEqual(busy);
  });
});

describe('publicRule', () => {
  it('drops the PRNG and keeps the counters', () => {
    const rule = createRule('rule-9', { action: busy, times: 2, note: 'n' });
    tryFire(rule, call);
    const shown = publicRule(rule);
    expect(shown).not.toHaveProperty('random');
    expect(shown).toMatchObject({ id: 'rule-9', fired: 1, matched: 1, remaining: 1, note: 'n', scope: {} });
    expect(JSON.parse(JSON.stringify(shown))).toEqual(shown);
  });
});

describe('parseRuleInput', () => {
  const valid: Array<[string, unknown, RuleInput]> = [
    ['outcome', { action: { kind: 'outcome', outcome: '20000' } }, { action: busy, scope: {} }],
    [
      'outcome + variant',
      { action: { kind: 'outcome', outcome: '40003', variant: 'plain' } },
      { action: { kind: 'outcome', outcome: '40003', variant: 'plain' }, scope: {} },
    ],
    [
      'envelope',
      { action: { kind: 'envelope', variant: 'short' } },
      { action: { kind: 'envelope', variant: 'short' }, scope: {} },
    ],
    [
      'tamper',
      { action: { kind: 'tamper', tampering: 'strip-sign' } },
      { action: { kind: 'tamper', tampering: 'strip-sign' }, scope: {} },
    ],
    ['latency fixed', { action: { kind: 'latency', ms: 0 } }, { action: { kind: 'latency', ms: 0 }, scope: {} }],
    [
      'latency range',
      { action: { kind: 'latency', ms: [10, 20] } },
      { action: { kind: 'latency', ms: [10, 20] }, scope: {} },
    ],
    ['status', { action: { kind: 'status', status: 503 } }, { action: { kind: 'status', status: 503 }, scope: {} }],
    [
      'status + body',
      { action: { kind: 'status', status: 200, body: 'x' } },
      { action: { kind: 'status', status: 200, body: 'x' }, scope: {} },
    ],
    ['reset', { action: { kind: 'reset' } }, { action: { kind: 'reset' }, scope: {} }],
    ['no-answer', { action: { kind: 'no-answer' } }, { action: { kind: 'no-answer' }, scope: {} }],
    [
      'no-answer + holdMs',
      { action: { kind: 'no-answer', holdMs: 500 } },
      { action: { kind: 'no-answer', holdMs: 500 }, scope: {} },
    ],
    [
      'full scope, times, probability, seed, note',
      {
        action: { kind: 'reset' },
        scope: { session: 'a.b:c-1', userId: '2088000000000001', appId: 'app_1', api: 'getAuthCode' },
        times: 3,
        probability: 0.25,
        seed: 'abc',
        note: 'why',
      },
      {
        action: { kind: 'reset' },
        scope: { session: 'a.b:c-1', userId: '2088000000000001', appId: 'app_1', api: 'getAuthCode' },
        times: 3,
        probability: 0.25,
        seed: 'abc',
        note: 'why',
      },
    ],
    [
      'top-level session goes into the scope',
      { action: { kind: 'reset' }, session: 'sess-1' },
      { action: { kind: 'reset' }, scope: { session: 'sess-1' } },
    ],
    [
      'scope.session wins over top-level session',
      { action: { kind: 'reset' }, session: 'outer', scope: { session: 'inner' } },
      { action: { kind: 'reset' }, scope: { session: 'inner' } },
    ],
    ['integer seed', { action: { kind: 'reset' }, seed: 12 }, { action: { kind: 'reset' }, scope: {}, seed: 12 }],
    [
      'probability bounds',
      { action: { kind: 'reset' }, probability: 1 },
      { action: { kind: 'reset' }, scope: {}, probability: 1 },
    ],
  ];

  it.each(valid)('accepts %s', (_name, input, expected) => {
    expect(parseRuleInput(input)).toEqual({ ok: true, value: expected });
  });

  const invalid: Array<[unknown, RegExp]> = [
    [null, /JSON object/],
    [[], /JSON object/],
    ['rule', /JSON object/],
    [{}, /^action: must be an object/],
    [{ action: 'reset' }, /^action: must be an object/],
    [{ action: { kind: 'explode' } }, /action\.kind must be one of .*"outcome".*"no-answer"/],
    [{ action: {} }, /action\.kind must be one of/],
    [{ action: { kind: 'outcome', outcome: '99999' } }, /"outcome" must be one of .*"20000"/],
    [{ action: { kind: 'outcome', outcome: '20000', variant: 'weird' } }, /"variant" must be one of .*"plain-signed"/],
    [{ action: { kind: 'outcome', outcome: '20000', extra: 1 } }, /action: unknown field "extra"/],
    [{ action: { kind: 'envelope' } }, /"variant" must be one of/],
    [{ action: { kind: 'tamper', tampering: 'smash' } }, /"tampering" must be one of .*"flip-bit"/],
    [{ action: { kind: 'latency', ms: -1 } }, /"ms" must be/],
    [{ action: { kind: 'latency', ms: 1.5 } }, /"ms" must be/],
    [{ action: { kind: 'latency', ms: '100' } }, /"ms" must be/],
    [{ action: { kind: 'latency', ms: 120_001 } }, /"ms" must be/],
    [{ action: { kind: 'latency', ms: [20, 10] } }, /"ms" must be .*min <= max/],
    [{ action: { kind: 'latency', ms: [1, 2, 3] } }, /"ms" must be/],
    [{ action: { kind: 'status', status: 99 } }, /"status" must be an integer HTTP status/],
    [{ action: { kind: 'status', status: 600 } }, /"status"/],
    [{ action: { kind: 'status', status: '500' } }, /"status"/],
    [{ action: { kind: 'status', status: 500, body: 5 } }, /"body" must be a string/],
    [{ action: { kind: 'status', status: 500, body: 'x'.repeat(65_537) } }, /"body" .*64 KiB/],
    [{ action: { kind: 'reset', holdMs: 1 } }, /action: unknown field "holdMs"/],
    [{ action: { kind: 'no-answer', holdMs: -5 } }, /"holdMs" must be/],
    [{ action: { kind: 'reset' }, scope: 'all' }, /^scope: must be an object/],
    [{ action: { kind: 'reset' }, scope: { user: 'x' } }, /scope: unknown field "user"/],
    [{ action: { kind: 'reset' }, scope: { session: 'bad session!' } }, /^scope\.session:/],
    [{ action: { kind: 'reset' }, scope: { userId: 5 } }, /^scope\.userId:/],
    [{ action: { kind: 'reset' }, scope: { appId: 'x'.repeat(129) } }, /^scope\.appId:/],
    [{ action: { kind: 'reset' }, scope: { api: 'getStuff' } }, /^scope\.api: must be one of .*"getPhoneNumber"/],
    [{ action: { kind: 'reset' }, session: 7 }, /^scope\.session:/],
    // a session id is never empty or null: "" is not "no session" (that would be a rule for every session)
    [{ action: { kind: 'reset' }, session: '' }, /^scope\.session: .*never empty/],
    [{ action: { kind: 'reset' }, scope: { session: '' } }, /^scope\.session: .*never empty/],
    [{ action: { kind: 'reset' }, session: null }, /^scope\.session:/],
    [{ action: { kind: 'reset' }, times: 0 }, /^times:/],
    [{ action: { kind: 'reset' }, times: 2.5 }, /^times:/],
    [{ action: { kind: 'reset' }, times: '3' }, /^times:/],
    [{ action: { kind: 'reset' }, probability: 1.01 }, /^probability:/],
    [{ action: { kind: 'reset' }, probability: -0.1 }, /^probability:/],
    [{ action: { kind: 'reset' }, probability: '0.5' }, /^probability:/],
    [{ action: { kind: 'reset' }, probability: Number.NaN }, /^probability:/],
    [{ action: { kind: 'reset' }, seed: 1.5 }, /^seed:/],
    [{ action: { kind: 'reset' }, seed: {} }, /^seed:/],
    [{ action: { kind: 'reset' }, seed: 'x'.repeat(129) }, /^seed:/],
    [{ action: { kind: 'reset' }, note: 5 }, /^note:/],
    [{ action: { kind: 'reset' }, note: 'x'.repeat(501) }, /^note:/],
    [{ action: { kind: 'reset' }, tims: 3 }, /^rule: unknown field "tims"/],
  ];

  it.each(invalid)('rejects %j with a reason naming the field', (input, reason) => {
    const r = parseRuleInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('the schema (the OpenAPI body and the type) and the validator agree on every case above', () => {
    const check = schemaCheck(RULE_BODY_SCHEMA);
    for (const [, input] of valid) expect(check(input), JSON.stringify(input)).toBe(true);
    // min <= max is the one check JSON Schema cannot say
    const semantic = (x: unknown) => JSON.stringify(x).includes('[20,10]');
    for (const [input] of invalid.filter(([x]) => !semantic(x)))
      expect(check(input), JSON.stringify(input)).toBe(false);
  });

  it('parseRuleAction alone validates an action', () => {
    expect(parseRuleAction({ kind: 'reset' })).toEqual({ ok: true, value: { kind: 'reset' } });
    expect(parseRuleAction(undefined).ok).toBe(false);
  });
});
