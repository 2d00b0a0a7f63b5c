import type { ScenarioDefinition } from '../scenario/types.js';
import type { GrepMatcher } from './grep.js';

export interface Selection {
  grep?: GrepMatcher | undefined;
  groups?: string[] | undefined;
  shard?: { index: number; total: number } | undefined;
}

/** Filters by group and --grep (id or title), then keeps shard I of N (round-robin over the sorted ids). */
export function selectScenarios(all: readonly ScenarioDefinition[], sel: Selection): ScenarioDefinition[] {
  const picked = all.filter(
    (s) =>
      (!sel.groups || sel.groups.includes(s.group)) && (!sel.grep || sel.grep.test(s.id) || sel.grep.test(s.title)),
  );
  if (!sel.shard) return picked;
  const { index, total } = sel.shard;
  const order = [...picked].sort((a, b) => a.id.localeCompare(b.id));
  const mine = new Set(order.filter((_, i) => i % total === index - 1).map((s) => s.id));
  return picked.filter((s) => mine.has(s.id));
}

/** Why nothing was selected: each filter in play, and what the scenarios offered it. */
export function emptySelectionReason(all: readonly ScenarioDefinition[], sel: Selection): string {
  if (all.length === 0) return 'no scenarios were given: nothing to run';
  const present = [...new Set(all.map((s) => s.group))];
  const parts: string[] = [];
  if (sel.groups) {
    const left = all.filter((s) => sel.groups?.includes(s.group)).length;
    parts.push(`groups ${sel.groups.join(', ')} (the scenarios' groups: ${present.join(', ')}; ${left} left)`);
  }
  if (sel.grep) parts.push(`--grep ${JSON.stringify(sel.grep.source)}`);
  if (sel.shard) parts.push(`--shard ${sel.shard.index}/${sel.shard.total}`);
  return `no scenario matches ${parts.join(' and ')} among ${all.length}: nothing to run`;
}

/** Runs tasks with at most `workers` at once, keeping result order. */
export async function pool<T, R>(
  items: readonly T[],
  workers: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
  return results;
}
