/** A bounded LRU for envelopes: identical (key, plaintext, variant) → identical bytes, so signing can be skipped. */
export class EnvelopeCache {
  private readonly map = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string>>();
  hits = 0;
  misses = 0;
  constructor(private readonly capacity: number) {}

  /** A cached value, moved to the most recently used end; undefined on a miss. */
  private hit(key: string): string | undefined {
    const found = this.map.get(key);
    if (found === undefined) return undefined;
    this.hits++;
    this.map.delete(key);
    this.map.set(key, found);
    return found;
  }

  /** Stores a value, dropping the least recently used one past capacity. */
  private store(key: string, value: string): string {
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    return value;
  }

  getOrBuild(key: string, build: () => string): string {
    const found = this.hit(key);
    if (found !== undefined) return found;
    this.misses++;
    return this.store(key, build());
  }

  /**
   * Like getOrBuild for an asynchronous build: concurrent requests for the same key share one build; a hit is
   * answered without waiting for anything but a microtask.
   */
  getOrBuildAsync(key: string, build: () => Promise<string>): Promise<string> | string {
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
