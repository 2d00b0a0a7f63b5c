import type { BenchResult } from './bench-result.js';
import { load, loadNotes } from './load.js';
import { paths } from './paths.js';
import { spawnServer } from './processes.js';

const BODY = '{"mobile":"13800138000"}';

/**
 * (b) Repeated envelopes/s: the same `POST /jsapi/getPhoneNumber` body every time (the envelope comes from the
 * cache) ÷ a bare Fastify `POST` route answering a constant JSON of the same size, both with the same request body.
 * The ratio is what the gateway's own work (schema, model, rules, journal) costs over Fastify itself.
 */
export async function repeatedEnvelopes(seconds = 6): Promise<BenchResult> {
  const gateway = await spawnServer(paths.cli, ['serve', '--port', '0']);
  let gatewayRate: Awaited<ReturnType<typeof load>>;
  let answerBytes: number;
  try {
    const sample = await fetch(`${gateway.url}/jsapi/getPhoneNumber`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    answerBytes = (await sample.text()).length;
    gatewayRate = await load({
      url: gateway.url,
      seconds,
      requests: [
        { method: 'POST', path: '/jsapi/getPhoneNumber', headers: { 'content-type': 'application/json' }, body: BODY },
      ],
    });
  } finally {
    await gateway.stop();
  }
  const bare = await spawnServer(paths.bareFastify, ['--bytes', String(answerBytes)]);
  let bareRate: Awaited<ReturnType<typeof load>>;
  try {
    bareRate = await load({
      url: bare.url,
      seconds,
      requests: [{ method: 'POST', path: '/constant', headers: { 'content-type': 'application/json' }, body: BODY }],
    });
  } finally {
    await bare.stop();
  }
  return {
    id: 'repeated-envelopes',
    measured: 'repeated (cached) envelopes/s',
    value: gatewayRate.perSecond,
    baselineName: `bare Fastify constant ${answerBytes}-byte JSON`,
    baseline: bareRate.perSecond,
    unit: 'req/s',
    ratio: gatewayRate.perSecond / bareRate.perSecond,
    target: { op: '>=', value: 0.8 },
    notes: [
      ...loadNotes('gateway', gatewayRate),
      ...loadNotes('bare', bareRate),
      `p50 gateway ${gatewayRate.p50Ms} ms vs bare ${bareRate.p50Ms} ms`,
    ],
  };
}
