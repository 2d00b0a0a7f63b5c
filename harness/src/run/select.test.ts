import { describe, expect, it } from 'vitest';
import { faqScenarios } from '../../../scenarios/faq/index.js';
import { allScenarios } from '../../../scenarios/index.js';
import { defineScenario, type ScenarioDefinition } from '../scenario/types.js';
import { FAQ_IDS } from '../test-support/faq-ids.js';
import { emptySelectionReason, pool, selectScenarios } from './select.js';

const ids = (list: readonly ScenarioDefinition[]) => list.map((s) => s.id);

function fake(id: string, group: ScenarioDefinition['group'], title = `title of ${id}`): ScenarioDefinition {
  return defineScenario({
    id,
    group,
    title,
    faq: 'q',
    cause: 'c',
    remedy: 'r',
    given: [],
    steps: [],
    expect: { kind: 'informational' },
  });
}

const mixed = [
  fake('faq-b', 'faq'),
  fake('sec-a', 'security', 'forged plaintext'),
  fake('faq-a', 'faq', 'consent 拒绝'),
  fake('login-a', 'login'),
  fake('sec-b', 'security'),
];

describe('selectScenarios', () => {
  it('no selection → every scenario, in the given order', () => {
    expect(ids(selectScenarios(faqScenarios, {}))).toEqual(ids(faqScenarios));
    expect(ids(selectScenarios(faqScenarios, {}))).toEqual([...FAQ_IDS]);
  });

  it('grep matches the id', () => {
    expect(ids(selectScenarios(faqScenarios, { grep: /faq1/ }))).toEqual([
      'faq1-success',
      'faq1-no-consent',
      'faq1-user-refuses',
      'faq1-consent-expired',
    ]);
    expect(ids(selectScenarios(faqScenarios, { grep: /^faq5-missing-sign-no-gateway$/ }))).toEqual([
      'faq5-missing-sign-no-gateway',
    ]);
    expect(selectScenarios(faqScenarios, { grep: /no-such-thing/ })).toEqual([]);
  });

  it('grep matches the title too (words not in any id)', () => {
    expect(ids(selectScenarios(mixed, { grep: /forged/ }))).toEqual(['sec-a']);
    expect(ids(selectScenarios(mixed, { grep: /拒绝/ }))).toEqual(['faq-a']);
    const refuses = selectScenarios(faqScenarios, { grep: /拒绝/ });
    expect(ids(refuses)).toContain('faq1-user-refuses');
    for (const s of refuses) expect(/拒绝/.test(s.id) || /拒绝/.test(s.title)).toBe(true);
  });

  it('groups keep only the listed groups, and combine with grep', () => {
    expect(ids(selectScenarios(mixed, { groups: ['security'] }))).toEqual(['sec-a', 'sec-b']);
    expect(ids(selectScenarios(mixed, { groups: ['faq', 'login'] }))).toEqual(['faq-b', 'faq-a', 'login-a']);
    expect(ids(selectScenarios(mixed, { groups: ['security'], grep: /-b$/ }))).toEqual(['sec-b']);
    expect(selectScenarios(faqScenarios, { groups: ['security'] })).toEqual([]);
    // the registry of every scenario: groups: ['faq'] is exactly the FAQ of docs/scenarios.md
    expect(ids(selectScenarios(allScenarios, { groups: ['faq'] }))).toEqual([...FAQ_IDS]);
  });

  it('shard I/N partitions the set exactly: union = all, pairwise disjoint, sizes differ by at most 1', () => {
    for (let total = 1; total <= 17; total++) {
      const shards = Array.from({ length: total }, (_, i) =>
        ids(selectScenarios(faqScenarios, { shard: { index: i + 1, total } })),
      );
      const union = shards.flat();
      expect(union.length, `N=${total}`).toBe(faqScenarios.length);
      expect(new Set(union).size, `N=${total}: an id in two shards`).toBe(faqScenarios.length);
      expect(new Set(union)).toEqual(new Set(ids(faqScenarios)));
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes), `N=${total} sizes ${sizes}`).toBeLessThanOrEqual(1);
      // each shard keeps the original order
      for (const s of shards) {
        const positions = s.map((id) => ids(faqScenarios).indexOf(id));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    }
  });

  it('a shard does not depend on the input order (machines in CI may list scenarios differently)', () => {
    const reversed = [...faqScenarios].reverse();
    for (let index = 1; index <= 3; index++) {
      const a = ids(selectScenarios(faqScenarios, { shard: { index, total: 3 } }));
      const b = ids(selectScenarios(reversed, { shard: { index, total: 3 } }));
      expect(new Set(b)).toEqual(new Set(a));
    }
  });

  it('shard applies after grep: the shards of a grep partition the grep', () => {
    const grep = /faq3/;
    const all = ids(selectScenarios(faqScenarios, { grep }));
    const shards = [1, 2].map((index) => ids(selectScenarios(faqScenarios, { grep, shard: { index, total: 2 } })));
    expect([...(shards[0] ?? []), ...(shards[1] ?? [])].sort()).toEqual([...all].sort());
    expect(shards[0]?.filter((id) => shards[1]?.includes(id))).toEqual([]);
  });
});

describe('emptySelectionReason', () => {
  it('names each filter in play and the groups the scenarios have, so the fix is plain', () => {
    const mine = [fake('playground-s1', 'playground')];
    expect(emptySelectionReason(mine, { groups: ['faq', 'login'] })).toBe(
      "no scenario matches groups faq, login (the scenarios' groups: playground; 0 left) among 1: nothing to run",
    );
    expect(emptySelectionReason(mixed, { groups: ['faq'], grep: /nope/, shard: { index: 1, total: 2 } })).toBe(
      'no scenario matches groups faq (the scenarios\' groups: faq, security, login; 2 left) and --grep "nope" and --shard 1/2 among 5: nothing to run',
    );
    expect(emptySelectionReason([], {})).toBe('no scenarios were given: nothing to run');
  });
});

describe('pool', () => {
  const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('keeps result order even when later items finish first', async () => {
    const delays = [40, 5, 30, 1, 20, 0, 10];
    const out = await pool(delays, 3, async (ms, i) => {
      await tick(ms);
      return `${i}:${ms}`;
    });
    expect(out).toEqual(delays.map((ms, i) => `${i}:${ms}`));
  });

  it('never runs more than `workers` at once, and does reach that bound', async () => {
    for (const workers of [1, 2, 4]) {
      let running = 0;
      let peak = 0;
      const seen: number[] = [];
      await pool(
        Array.from({ length: 10 }, (_, i) => i),
        workers,
        async (i) => {
          running++;
          peak = Math.max(peak, running);
          seen.push(i);
          await tick(5);
          running--;
        },
      );
      expect(peak, `workers=${workers}`).toBe(workers);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
  });

  it('with workers = 1 runs strictly in order, one after another', async () => {
    const log: string[] = [];
    await pool(['a', 'b', 'c'], 1, async (x) => {
      log.push(`start ${x}`);
      await tick(2);
      log.push(`end ${x}`);
    });
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('more workers than items, and no items at all', async () => {
    expect(await pool([1, 2], 8, async (x) => x * 2)).toEqual([2, 4]);
    expect(await pool([], 4, async (x: number) => x)).toEqual([]);
  });
});
