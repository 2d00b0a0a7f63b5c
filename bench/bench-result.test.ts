import { describe, expect, it } from 'vitest';
import { type BenchResult, formatResult, median, passes } from './bench-result.js';

function result(ratio: number, op: '>=' | '<=', target: number): BenchResult {
  return {
    id: 'x',
    measured: 'm',
    value: ratio * 100,
    baselineName: 'b',
    baseline: 100,
    unit: '/s',
    ratio,
    target: { op, value: target },
    notes: [],
  };
}

describe('bench results', () => {
  it('median of odd and even counts, unsorted input', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('PASS/MISS follows the target direction, and NaN never passes', () => {
    expect(passes(result(0.9, '>=', 0.85))).toBe(true);
    expect(passes(result(0.8, '>=', 0.85))).toBe(false);
    expect(passes(result(1.4, '<=', 1.5))).toBe(true);
    expect(passes(result(1.6, '<=', 1.5))).toBe(false);
    expect(passes(result(Number.NaN, '<=', 1.5))).toBe(false);
    expect(formatResult(result(0.8, '>=', 0.85))).toMatch(/^MISS {2}x: ratio 0\.80 \(target >= 0\.85\)/);
  });
});
