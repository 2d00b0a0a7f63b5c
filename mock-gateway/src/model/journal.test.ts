import { describe, expect, it } from 'vitest';
import { Journal, type JournalEntry, truncationMarker } from './journal.js';

const entry = (session: string, api = 'getPhoneNumber', outcome?: string): Omit<JournalEntry, 'seq'> => ({
  at: '2026-01-01T00:00:00.000Z',
  session,
  api,
  method: 'POST',
  url: `/jsapi/${api}`,
  status: 200,
  durationMs: 1,
  ...(outcome !== undefined ? { outcome } : {}),
});

describe('Journal (ring buffer)', () => {
  it('keeps the newest `capacity` entries, oldest first, with growing seq', () => {
    const j = new Journal(3);
    for (let i = 0; i < 7; i++) j.add(entry(`s${i}`));
    expect(j.size).toBe(3);
    expect(j.query().map((e) => [e.seq, e.session])).toEqual([
      [5, 's4'],
      [6, 's5'],
      [7, 's6'],
    ]);
  });

  it('filters by session, api, outcome and after; limit keeps the newest N', () => {
    const j = new Journal(100);
    j.add(entry('a', 'authorize'));
    j.add(entry('a', 'getPhoneNumber', 'success'));
    j.add(entry('b', 'getPhoneNumber', '40003'));
    j.add(entry('a', 'getPhoneNumber', '40003'));
    expect(j.count({ session: 'a' })).toBe(3);
    expect(j.count({ session: 'a', api: 'getPhoneNumber' })).toBe(2);
    expect(j.query({ outcome: '40003' }).map((e) => e.seq)).toEqual([3, 4]);
    expect(j.query({ after: 2 }).map((e) => e.seq)).toEqual([3, 4]);
    expect(j.query({ limit: 2 }).map((e) => e.seq)).toEqual([3, 4]);
    expect(j.query({ session: 'a', limit: 1 }).map((e) => e.seq)).toEqual([4]);
    expect(j.count({ session: 'zzz' })).toBe(0);
  });

  it('clear(session) drops only that session and keeps order and capacity; clear() drops all', () => {
    const j = new Journal(4);
    for (const s of ['a', 'b', 'a', 'b', 'a', 'c']) j.add(entry(s)); // wraps: keeps a(3) b(4) a(5) c(6)
    j.clear('a');
    expect(j.query().map((e) => [e.seq, e.session])).toEqual([
      [4, 'b'],
      [6, 'c'],
    ]);
    for (const s of ['d', 'e', 'f']) j.add(entry(s));
    expect(j.query().map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    j.clear();
    expect(j.size).toBe(0);
    expect(j.add(entry('x')).seq).toBe(10);
  });

  it('adds in constant time when full (100,000 adds into a 50,000 ring stay fast)', () => {
    const j = new Journal(50_000);
    const t = performance.now();
    for (let i = 0; i < 100_000; i++) j.add(entry('s'));
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(j.size).toBe(50_000);
    expect(j.query({ limit: 1 })[0]?.seq).toBe(100_000);
  });

  it('refuses a capacity below 1 (a programmer error)', () => {
    expect(() => new Journal(0)).toThrow(/capacity/);
  });

  it('cuts a field longer than maxFieldChars and ends it with a marker saying how long it was', () => {
    const j = new Journal({ capacity: 10, maxFieldChars: 100 });
    const long = 'x'.repeat(5_000);
    const e = j.add({ ...entry('s'), url: `/gateway.do?${long}`, envelope: long, plaintext: 'short', error: long });
    expect(e.envelope).toBe('x'.repeat(100) + truncationMarker(5_000));
    expect(e.error).toBe(e.envelope);
    expect(e.url).toBe(`/gateway.do?${'x'.repeat(88)}${truncationMarker(5_012)}`);
    expect(e.plaintext).toBe('short');
    expect(truncationMarker(5_000)).toMatch(/truncated by the alimock journal: 5000 characters in all/);
  });

  it('keeps at most maxBytes (estimated): the oldest entries are dropped, also below capacity', () => {
    const j = new Journal({ capacity: 10_000, maxBytes: 1024 * 1024, maxFieldChars: 64 * 1024 });
    const big = 'y'.repeat(60 * 1024); // ~120 KiB per entry as UTF-16
    for (let i = 0; i < 100; i++) j.add({ ...entry(`s${i}`), envelope: big });
    expect(j.byteSize).toBeLessThanOrEqual(1024 * 1024);
    expect(j.size).toBeGreaterThanOrEqual(7);
    expect(j.size).toBeLessThan(10);
    const kept = j.query();
    expect(kept.at(-1)?.session).toBe('s99');
    expect(kept[0]?.seq).toBe(100 - j.size + 1);
    // small entries are unaffected by the bound and the size shrinks when a session is cleared
    j.clear('s99');
    expect(j.byteSize).toBeLessThan(1024 * 1024 - 100 * 1024);
    j.clear();
    expect(j.byteSize).toBe(0);
  });

  it('an entry larger than the whole bound is still kept (cut to maxFieldChars), alone', () => {
    const j = new Journal({ capacity: 10, maxBytes: 1_000, maxFieldChars: 10_000 });
    j.add(entry('a'));
    j.add({ ...entry('b'), envelope: 'z'.repeat(9_000) });
    expect(j.query().map((e) => e.session)).toEqual(['b']);
  });
});
