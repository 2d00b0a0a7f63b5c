import type { JournalEntry } from './journal-entry.js';
import { StringPool } from './string-pool.js';

export type { JournalEntry, JournalVerdict } from './journal-entry.js';

/** What a route learned about a call; the journal adds where, when, how it ended and how long it took. */
export type CallRecord = Partial<Omit<JournalEntry, 'seq' | 'at' | 'method' | 'url' | 'status' | 'durationMs'>> & {
  api: string;
  session: string;
};

export interface JournalQuery {
  session?: string;
  api?: string;
  outcome?: string;
  /** entries with seq > after */
  after?: number;
  limit?: number;
}

/** The journal's bounds: entries, bytes (estimated) and the characters kept of one text field. */
export interface JournalLimits {
  /** entries kept (oldest dropped first) */
  capacity: number;
  /** estimated bytes kept over all entries (oldest dropped first); default 16 MiB */
  maxBytes: number;
  /** characters kept of one text field (url, envelope, plaintext, error, request, answer…); longer ones end with a marker */
  maxFieldChars: number;
}

export const DEFAULT_JOURNAL_MAX_BYTES = 16 * 1024 * 1024;
export const DEFAULT_JOURNAL_FIELD_CHARS = 16 * 1024;

/** The text that ends a field the journal cut short. */
export function truncationMarker(total: number): string {
  return `…[truncated by the alimock journal: ${total} characters in all]`;
}

/** The first `max` characters, with the marker, as a string of its own (a slice would keep the whole original). */
function clip(text: string, max: number): string {
  const head = Buffer.from(text.slice(0, max), 'utf16le').toString('utf16le');
  return head + truncationMarker(text.length);
}

/** Bytes an entry costs besides its long text fields (object, numbers, short strings), estimated. */
const ENTRY_OVERHEAD = 256;

function textCost(v: string | undefined): number {
  return v === undefined ? 0 : 2 * v.length;
}

/**
 * A bounded ring of entries, newest last; queryable and countable. Bounded three ways: entries (`capacity`), bytes
 * (an estimate over every entry: the oldest are dropped until the newest fits) and one field's length (a longer
 * url, envelope, plaintext or error is cut and marked), so that huge requests or answers cannot exhaust memory.
 * Adding is O(1) also when full: the oldest entry is overwritten in place (no shifting).
 */
export class Journal {
  private slots: Array<JournalEntry | undefined>;
  private costs: Float64Array;
  /** index of the oldest entry */
  private head = 0;
  private length = 0;
  private seq = 0;
  private bytes = 0;
  private readonly capacity: number;
  private readonly maxBytes: number;
  private readonly maxFieldChars: number;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  /** the short texts entries repeat (see StringPool: under load this, not the entries' count, sets the heap's size) */
  private readonly pool = new StringPool();

  constructor(limits: number | (Partial<JournalLimits> & { capacity: number })) {
    const l = typeof limits === 'number' ? { capacity: limits } : limits;
    const capacity = l.capacity;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`Journal: capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.maxBytes = l.maxBytes ?? DEFAULT_JOURNAL_MAX_BYTES;
    this.maxFieldChars = l.maxFieldChars ?? DEFAULT_JOURNAL_FIELD_CHARS;
    if (!(this.maxBytes > 0) || !Number.isInteger(this.maxFieldChars) || this.maxFieldChars < 1)
      throw new Error('Journal: maxBytes and maxFieldChars must be positive');
    this.slots = new Array(capacity);
    this.costs = new Float64Array(capacity);
  }

  /** Cuts the entry's long text fields to the field limit, in place; returns its estimated cost in bytes. */
  private bound(e: JournalEntry): number {
    const max = this.maxFieldChars;
    const pool = this.pool;
    e.session = pool.intern(e.session);
    e.url = pool.intern(e.url);
    e.appId = pool.intern(e.appId);
    e.userId = pool.intern(e.userId);
    e.plaintext = pool.intern(e.plaintext);
    if (e.url.length > max) e.url = clip(e.url, max);
    if (e.envelope !== undefined && e.envelope.length > max) e.envelope = clip(e.envelope, max);
    if (e.plaintext !== undefined && e.plaintext.length > max) e.plaintext = clip(e.plaintext, max);
    if (e.error !== undefined && e.error.length > max) e.error = clip(e.error, max);
    let extra = 0;
    // the fields of admin writes and page requests (rare: the hot path never sets them)
    if (e.request !== undefined || e.target !== undefined || e.answer !== undefined || e.verdict !== undefined) {
      if (e.request !== undefined && e.request.length > max) e.request = clip(e.request, max);
      if (e.target !== undefined && e.target.length > max) e.target = clip(e.target, max);
      if (e.answer !== undefined && e.answer.length > max) e.answer = clip(e.answer, max);
      extra = textCost(e.request) + textCost(e.target) + textCost(e.answer) + (e.verdict ? ENTRY_OVERHEAD : 0);
    }
    return (
      ENTRY_OVERHEAD +
      textCost(e.url) +
      textCost(e.envelope) +
      textCost(e.plaintext) +
      textCost(e.error) +
      extra +
      (e.rules === undefined ? 0 : 32 * e.rules.length)
    );
  }

  private dropOldest(): void {
    this.bytes -= this.costs[this.head] as number;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.length--;
  }

  /** Stores the entry itself (no copy: callers hand over a fresh object) with its sequence number. */
  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = entry as JournalEntry;
    full.seq = ++this.seq;
    const cost = this.bound(full);
    if (this.length === this.capacity) this.dropOldest();
    while (this.length > 0 && this.bytes + cost > this.maxBytes) this.dropOldest();
    const at = (this.head + this.length) % this.capacity;
    this.slots[at] = full;
    this.costs[at] = cost;
    this.bytes += cost;
    this.length++;
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(full);
    return full;
  }

  /**
   * Calls `listener` with every entry added from now on (after it is stored), until the returned function is
   * called. A listener must not throw and must not add entries.
   */
  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** How many listeners are subscribed (live journal streams). */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** Entries oldest first. */
  private *entries(): Generator<JournalEntry> {
    for (let i = 0; i < this.length; i++) yield this.slots[(this.head + i) % this.capacity] as JournalEntry;
  }

  private matches(e: JournalEntry, q: JournalQuery): boolean {
    return (
      (q.session === undefined || e.session === q.session) &&
      (q.api === undefined || e.api === q.api) &&
      (q.outcome === undefined || e.outcome === q.outcome) &&
      (q.after === undefined || e.seq > q.after)
    );
  }

  /** Matching entries, oldest first; `limit` keeps the newest N. */
  query(q: JournalQuery = {}): JournalEntry[] {
    const found: JournalEntry[] = [];
    for (const e of this.entries()) if (this.matches(e, q)) found.push(e);
    return q.limit !== undefined && found.length > q.limit ? found.slice(found.length - q.limit) : found;
  }

  count(q: JournalQuery = {}): number {
    let n = 0;
    for (const e of this.entries()) if (this.matches(e, q)) n++;
    return n;
  }

  /** Drops a session's entries (or all). Sequence numbers keep growing. */
  clear(session?: string): void {
    const kept: Array<[JournalEntry, number]> = [];
    if (session !== undefined) {
      for (let i = 0; i < this.length; i++) {
        const at = (this.head + i) % this.capacity;
        const e = this.slots[at] as JournalEntry;
        if (e.session !== session) kept.push([e, this.costs[at] as number]);
      }
    }
    this.slots = new Array(this.capacity);
    this.costs = new Float64Array(this.capacity);
    this.bytes = 0;
    kept.forEach(([e, cost], i) => {
      this.slots[i] = e;
      this.costs[i] = cost;
      this.bytes += cost;
    });
    this.head = 0;
    this.length = kept.length;
  }

  get size(): number {
    return this.length;
  }

  /** The estimated bytes the entries hold. */
  get byteSize(): number {
    return this.bytes;
  }
}
