/** Bytes an entry costs besides its key and value text (map slot, string headers), estimated. */
const ENTRY_OVERHEAD = 96;

/** The default bound in bytes: a few thousand distinct envelopes, a small share of the gateway's memory. */
export const DEFAULT_ENVELOPE_CACHE_BYTES = 4 * 1024 * 1024;

const costOf = (key: string, value: string) => ENTRY_OVERHEAD + 2 * (key.length + value.length);

/**
 * A bounded LRU for envelopes: identical (key, plaintext, variant) → identical bytes, so signing can be skipped.
 * Bounded in entries and in (estimated) bytes, whichever is reached first.
 */
export class EnvelopeCache {
  private readonly map = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string>>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number = DEFAULT_ENVELOPE_CACHE_BYTES,
  ) {}

  /** A cached value, moved to the most recently used end; undefined on a miss. */
  private hit(key: string): string | undefined {
    const found = this.map.get(key);
    if (found === undefined) return undefined;
    this.hits++;
    this.map.delete(key);
    this.map.set(key, found);
    return found;
  }

  /** Stores a value, dropping the least recently used ones past capacity or past the byte bound. */
  private store(key: string, value: string): string {
    const previous = this.map.get(key);
    if (previous !== undefined) this.bytes -= costOf(key, previous);
    this.map.set(key, value);
    this.bytes += costOf(key, value);
    while (this.map.size > this.capacity || (this.bytes > this.maxBytes && this.map.size > 1)) {
      const oldest = this.map.entries().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest[0]);
      this.bytes -= costOf(oldest[0], oldest[1]);
    }
    return value;
  }

  /** The estimated bytes the cached entries hold. */
  get byteSize(): number {
    return this.bytes;
  }

  /**
   * The envelope for `key`, built once: concurrent requests for the same key share one build (signing runs on the
   * thread pool), later ones take the cached bytes.
   */
  async getOrBuild(key: string, build: () => Promise<string>): Promise<string> {
    const found = this.hit(key);
    if (found !== undefined) return found;
    const pending = this.pending.get(key);
    if (pending) {
      this.hits++;
      return pending;
    }
    this.misses++;
    const promise = build().then(
      (value) => {
        this.pending.delete(key);
        return this.store(key, value);
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.map.size;
  }
}
