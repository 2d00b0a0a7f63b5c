import { describe, expect, it } from 'vitest';
import { StringPool } from './string-pool.js';

describe('StringPool', () => {
  it('gives back equal text, keeping one copy per distinct text', () => {
    const pool = new StringPool(8, 32);
    for (let i = 0; i < 100; i++)
      expect(pool.intern(`/jsapi/${'getPhoneNumber'.slice(0, 14)}`)).toBe('/jsapi/getPhoneNumber');
    expect(pool.size).toBe(1);
    expect(pool.intern(undefined)).toBeUndefined();
    expect(pool.size).toBe(1);
  });

  it('does not pool texts longer than its limit', () => {
    const pool = new StringPool(8, 32);
    const long = 'x'.repeat(33);
    expect(pool.intern(long)).toBe(long);
    expect(pool.size).toBe(0);
  });

  it('stays within its entry bound, starting over when full', () => {
    const pool = new StringPool(8, 32);
    for (let i = 0; i < 100; i++) {
      expect(pool.intern(`text-${i}`)).toBe(`text-${i}`);
      expect(pool.size).toBeLessThanOrEqual(8);
    }
    // 100 texts, 8 a round: twelve full rounds, then 4 in the thirteenth
    expect(pool.size).toBe(4);
  });
});
