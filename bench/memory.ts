import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { BenchResult } from './bench-result.js';
import { paths } from './paths.js';
import { spawnServer } from './processes.js';

/** Resident memory of a process in MB, from /proc (Linux): the current size and the peak. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const BODY = '{"mobile":"13800138000"}';

/**
 * Memory after load: `total` `POST /jsapi/getPhoneNumber` to one `alimock serve`, every `uniqueEvery`-th with a
 * mobile never seen before (a new envelope: AES + RSA signature, a new cache entry, a new memo entry), the others
 * the same body. Prints the server's RSS after the load (and its peak) ÷ its RSS when idle after start-up. The
 * journal (10,000 entries), the envelope cache, the phone memo and the heap's slack all count.
 */
export async function memoryAfterLoad(total = 1_000_000, uniqueEvery = 10): Promise<BenchResult> {
  const server = await spawnServer(paths.cli, ['serve', '--port', '0']);
  const pid = server.child.pid as number;
  const notes: string[] = [];
  try {
    // one call, so that the idle figure includes the code every request needs (faker, schemas, keys)
    await fetch(`${server.url}/jsapi/getPhoneNumber`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    const idle = residentMb(pid);
    let counter = 0;
    let unique = 0;
    const started = performance.now();
    const r = await autocannon({
      url: server.url,
      connections: 10,
      pipelining: 1,
      amount: total,
      timeout: 20,
      requests: [
        {
          method: 'POST',
          path: '/jsapi/getPhoneNumber',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            counter++;
            if (counter % uniqueEvery !== 0) return { ...req, body: BODY };
            unique++;
            return { ...req, body: `{"mobile":"1${String(unique).padStart(10, '0')}"}` };
          },
        },
      ],
    });
    const seconds = (performance.now() - started) / 1000;
    // settle: the last requests' garbage is what a real gateway carries too, but give timers a moment
    await new Promise((done) => setTimeout(done, 1_000));
    const after = residentMb(pid);
    if (r.errors + r.timeouts > 0) notes.push(`${r.errors + r.timeouts} errors/timeouts`);
    if (r.non2xx > 0) notes.push(`${r.non2xx} non-2xx answers (the number is suspect)`);
    notes.push(
      `${r.requests.total} requests (${unique} unique mobiles) in ${seconds.toFixed(0)} s; RSS idle ${idle.rss.toFixed(0)} MB, after ${after.rss.toFixed(0)} MB, peak ${after.peak.toFixed(0)} MB`,
    );
    return {
      id: 'memory-1m',
      measured: `RSS after ${total.toLocaleString('en')} requests, 1 in ${uniqueEvery} unique`,
      value: after.rss,
      baselineName: 'RSS idle after start-up',
      baseline: idle.rss,
      unit: 'MB',
      ratio: after.rss / idle.rss,
      target: { op: '<=', value: Number.POSITIVE_INFINITY },
      limit: { max: 150, unit: 'MB' },
      notes,
    };
  } finally {
    await server.stop();
  }
}
