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

export interface JournalQuery {
  session?: string;
  api?: string;
  outcome?: string;
  /** entries with seq > after */
  after?: number;
  limit?: number;
}

/** A bounded ring of entries, newest last; queryable and countable. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;
  constructor(private readonly capacity: number) {}

  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
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
    const found = this.entries.filter((e) => this.matches(e, q));
    return q.limit !== undefined && found.length > q.limit ? found.slice(found.length - q.limit) : found;
  }

  count(q: JournalQuery = {}): number {
    let n = 0;
    for (const e of this.entries) if (this.matches(e, q)) n++;
    return n;
  }

  /** Drops a session's entries (or all). */
  clear(session?: string): void {
    this.entries = session === undefined ? [] : this.entries.filter((e) => e.session !== session);
  }

  get size(): number {
    return this.entries.length;
  }
}
