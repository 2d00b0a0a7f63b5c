/**
 * One shared copy of short texts that repeat: a journal under load holds thousands of entries whose URL, session,
 * plaintext and ids are equal text in distinct strings, each made fresh by the request that carried it. Keeping the
 * pooled copy lets the fresh one die young instead of living (and being copied into the old generation) as long as
 * its entry does. Bounded: texts longer than `maxChars` are not pooled, and the pool starts over when it is full.
 */
export class StringPool {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly maxEntries = 4096,
    private readonly maxChars = 512,
  ) {}

  /** The pooled copy of `text` (the text itself the first time, or when it is too long to pool). */
  intern<T extends string | undefined>(text: T): T {
    if (text === undefined || text.length > this.maxChars) return text;
    const pooled = this.texts.get(text);
    if (pooled !== undefined) return pooled as T;
    if (this.texts.size >= this.maxEntries) this.texts.clear();
    this.texts.set(text, text);
    return text;
  }

  get size(): number {
    return this.texts.size;
  }
}
