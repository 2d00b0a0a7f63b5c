/** One call the gateway served, with decoded evidence. */
export interface JournalEntry {
  seq: number;
  at: string;
  session: string;
  /** `getPhoneNumber`, `authorize`, `getAuthCode`, `getSetting`, `gateway`, `admin`, `stub` */
  api: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  appId?: string;
  userId?: string;
  /** the Alipay outcome emitted (getPhoneNumber / gateway) */
  outcome?: string;
  /** envelope variant or tampering applied */
  variant?: string;
  envelope?: string;
  plaintext?: string;
  /** rule ids that fired */
  rules?: string[];
  /** transport fault applied, e.g. `reset`, `status 502` */
  fault?: string;
  error?: string;
}

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

/**
 * A bounded ring of entries, newest last; queryable and countable. Adding is O(1) also when full: the oldest entry
 * is overwritten in place (no shifting).
 */
export class Journal {
  private slots: Array<JournalEntry | undefined>;
  /** index of the oldest entry */
  private head = 0;
  private length = 0;
  private seq = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`Journal: capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array(capacity);
  }

  /** Stores the entry itself (no copy: callers hand over a fresh object) with its sequence number. */
  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = entry as JournalEntry;
    full.seq = ++this.seq;
    if (this.length < this.capacity) {
      this.slots[(this.head + this.length) % this.capacity] = full;
      this.length++;
    } else {
      this.slots[this.head] = full;
      this.head = (this.head + 1) % this.capacity;
    }
    return full;
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
    const kept = session === undefined ? [] : [...this.entries()].filter((e) => e.session !== session);
    this.slots = new Array(this.capacity);
    kept.forEach((e, i) => {
      this.slots[i] = e;
    });
    this.head = 0;
    this.length = kept.length;
  }

  get size(): number {
    return this.length;
  }
}
