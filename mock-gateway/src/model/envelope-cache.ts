/** A bounded LRU for envelopes: identical (key, plaintext, variant) → identical bytes, so signing can be skipped. */
export class EnvelopeCache {
  private readonly map = new Map<string, string>();
  hits = 0;
  misses = 0;
  constructor(private readonly capacity: number) {}

  getOrBuild(key: string, build: () => string): string {
    const found = this.map.get(key);
    if (found !== undefined) {
      this.hits++;
      this.map.delete(key);
      this.map.set(key, found);
      return found;
    }
    this.misses++;
    const value = build();
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}
