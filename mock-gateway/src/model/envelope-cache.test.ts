import { describe, expect, it } from 'vitest';
import { EnvelopeCache } from './envelope-cache.js';

const of = (v: string) => async () => v;

describe('EnvelopeCache bounds', () => {
  it('drops the least recently used entries past the entry capacity', async () => {
    const c = new EnvelopeCache(2);
    await c.getOrBuild('a', of('A'));
    await c.getOrBuild('b', of('B'));
    await c.getOrBuild('a', of('never')); // a is now the most recent
    await c.getOrBuild('c', of('C'));
    expect(c.size).toBe(2);
    expect(await c.getOrBuild('a', of('rebuilt'))).toBe('A');
    expect(await c.getOrBuild('b', of('rebuilt'))).toBe('rebuilt');
  });

  it('stays within its byte bound whatever the entry capacity, dropping the oldest', async () => {
    const c = new EnvelopeCache(1_000_000, 100_000);
    const value = 'v'.repeat(600); // an envelope's size
    for (let i = 0; i < 10_000; i++) await c.getOrBuild(`key-${i}`, of(value));
    expect(c.byteSize).toBeLessThanOrEqual(100_000);
    expect(c.size).toBeGreaterThan(50);
    expect(c.size).toBeLessThan(100);
    expect(await c.getOrBuild('key-9999', of('rebuilt'))).toBe(value);
    expect(await c.getOrBuild('key-0', of('rebuilt'))).toBe('rebuilt');
  });

  it('counts an overwritten key once', async () => {
    const c = new EnvelopeCache(10, 1_000_000);
    await c.getOrBuild('k', of('x'.repeat(100)));
    const one = c.byteSize;
    await c.getOrBuild('other', of('y'));
    await c.getOrBuild('k', of('never'));
    expect(c.byteSize).toBeGreaterThan(one);
    expect(c.size).toBe(2);
  });
});
