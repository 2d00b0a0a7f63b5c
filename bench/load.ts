import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  /** completed requests per second over the measured window */
  perSecond: number;
  total: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  url: string;
  requests: Request[];
  /** seconds of measured load (a shorter untimed warm-up runs first) */
  seconds: number;
  warmupSeconds?: number;
  connections?: number;
}

/** Drives `url` with autocannon in this process (the server runs in another one). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  const base = {
    url: opts.url,
    connections: opts.connections ?? 10,
    pipelining: 1,
    requests: opts.requests,
    timeout: 10,
  };
  if ((opts.warmupSeconds ?? 1) > 0) await autocannon({ ...base, duration: opts.warmupSeconds ?? 1 });
  const r = await autocannon({ ...base, duration: opts.seconds });
  return {
    perSecond: r.requests.total / r.duration,
    total: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
  };
}

export function loadNotes(name: string, r: LoadResult): string[] {
  const notes: string[] = [];
  if (r.errors > 0) notes.push(`${name}: ${r.errors} errors/timeouts`);
  if (r.non2xx > 0) notes.push(`${name}: ${r.non2xx} non-2xx answers (the number is suspect)`);
  return notes;
}
