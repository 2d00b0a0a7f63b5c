import { describe, expect, it } from 'vitest';
import { EnvelopeCache } from './envelope-cache.js';

describe('EnvelopeCache bounds', () => {
  it('drops the least recently used entries past the entry capacity', () => {
    const c = new EnvelopeCache(2);
    c.getOrBuild('a', () => 'A');
    c.getOrBuild('b', () => 'B');
    c.getOrBuild('a', () => 'never'); // a is now the most recent
    c.getOrBuild('c', () => 'C');
    expect(c.size).toBe(2);
    expect(c.getOrBuild('a', () => 'rebuilt')).toBe('A');
    expect(c.getOrBuild('b', () => 'rebuilt')).toBe('rebuilt');
  });

  it('stays within its byte bound whatever the entry capacity, dropping the oldest', () => {
    const c = new EnvelopeCache(1_000_000, 100_000);
    const value = 'v'.repeat(600); // an envelope's size
    for (let i = 0; i < 10_000; i++) c.getOrBuild(`key-${i}`, () => value);
    expect(c.byteSize).toBeLessThanOrEqual(100_000);
    expect(c.size).toBeGreaterThan(50);
    expect(c.size).toBeLessThan(100);
    expect(c.getOrBuild('key-9999', () => 'rebuilt')).toBe(value);
    expect(c.getOrBuild('key-0', () => 'rebuilt')).toBe('rebuilt');
  });

  it('counts an overwritten key once', async () => {
    const c = new EnvelopeCache(10, 1_000_000);
    c.getOrBuild('k', () => 'x'.repeat(100));
    const one = c.byteSize;
    await c.getOrBuildAsync('other', async () => 'y');
    c.getOrBuild('k', () => 'never');
    expect(c.byteSize).toBeGreaterThan(one);
    expect(c.size).toBe(2);
  });
});
