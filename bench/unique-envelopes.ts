import type { BenchResult } from './bench-result.js';
import { load, loadNotes } from './load.js';
import { paths } from './paths.js';
import { runToCompletion, spawnServer } from './processes.js';

/**
 * (a) Unique envelopes/s over HTTP: `POST /jsapi/getPhoneNumber` with a different `mobile` on every request (no
 * cache hit: AES + one RSA-2048 signature each) ÷ one core's bare RSA-2048 sign rate. The gateway can at best
 * match the sign rate, so the ratio says how much the HTTP + model path costs on top of the signature.
 */
export async function uniqueEnvelopes(seconds = 8): Promise<BenchResult> {
  const signs = JSON.parse(await runToCompletion(paths.signRate, ['2'])) as { signsPerSecond: number };
  const server = await spawnServer(paths.cli, ['serve', '--port', '0']);
  let counter = 0;
  try {
    const r = await load({
      url: server.url,
      seconds,
      warmupSeconds: 1,
      requests: [
        {
          method: 'POST',
          path: '/jsapi/getPhoneNumber',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            counter++;
            return { ...req, body: `{"mobile":"1${String(counter).padStart(10, '0')}"}` };
          },
        },
      ],
    });
    return {
      id: 'unique-envelopes',
      measured: 'unique envelopes/s over HTTP',
      value: r.perSecond,
      baselineName: 'RSA-2048 signs/s on one core',
      baseline: signs.signsPerSecond,
      unit: '/s',
      ratio: r.perSecond / signs.signsPerSecond,
      target: { op: '>=', value: 0.85 },
      notes: [...loadNotes('gateway', r), `gateway p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; ${counter} distinct mobiles`],
    };
  } finally {
    await server.stop();
  }
}
