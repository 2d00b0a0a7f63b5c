import type { Request } from 'autocannon';
import { type BenchResult, median } from './bench-result.js';
import { load, loadNotes } from './load.js';
import { paths } from './paths.js';
import { runToCompletion, spawnServer } from './processes.js';

/**
 * (a) Unique envelopes/s over HTTP: `POST /jsapi/getPhoneNumber` with a different `mobile` on every request (no
 * cache hit: AES + one RSA-2048 signature each) ÷ one core's bare RSA-2048 sign rate. The gateway can at best
 * match the sign rate, so the ratio (median of rounds) says how much the HTTP + model path costs on top of the signature.
 */
export async function uniqueEnvelopes(rounds = 3, seconds = 3): Promise<BenchResult> {
  const server = await spawnServer(paths.cli, ['serve', '--port', '0']);
  let counter = 0;
  const request: Request = {
    method: 'POST',
    path: '/jsapi/getPhoneNumber',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      counter++;
      return { ...req, body: `{"mobile":"1${String(counter).padStart(10, '0')}"}` };
    },
  };
  // rounds alternate baseline and load, so that noise from other processes hits both alike; the median ratio wins
  const ratios: number[] = [];
  const rates: number[] = [];
  const signRates: number[] = [];
  const notes: string[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const signs = JSON.parse(await runToCompletion(paths.signRate, ['1.5'])) as { signsPerSecond: number };
      const r = await load({ url: server.url, seconds, warmupSeconds: i === 0 ? 1 : 0, requests: [request] });
      notes.push(...loadNotes(`gateway round ${i + 1}`, r));
      rates.push(r.perSecond);
      signRates.push(signs.signsPerSecond);
      ratios.push(r.perSecond / signs.signsPerSecond);
    }
  } finally {
    await server.stop();
  }
  return {
    id: 'unique-envelopes',
    measured: 'unique envelopes/s over HTTP',
    value: median(rates),
    baselineName: 'RSA-2048 signs/s on one core',
    baseline: median(signRates),
    unit: '/s',
    ratio: median(ratios),
    target: { op: '>=', value: 0.85 },
    notes: [...notes, `ratio per round ${ratios.map((x) => x.toFixed(2)).join(' ')}; ${counter} distinct mobiles`],
  };
}
