import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest.js';

describe('latestOnly: a panel shows only its newest read', () => {
  it('an older read that answers last is stale; the newest is not', () => {
    const reads = latestOnly();
    const first = reads.begin();
    const second = reads.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('a change made meanwhile makes the read in flight stale', () => {
    const reads = latestOnly();
    const inFlight = reads.begin();
    reads.invalidate();
    expect(inFlight()).toBe(false);
    expect(reads.begin()()).toBe(true);
  });
});
