import { type BenchResult, median } from './bench-result.js';
import { load, loadNotes } from './load.js';
import { paths } from './paths.js';
import { type SpawnedServer, spawnServer } from './processes.js';

const BODY = '{"mobile":"13800138000"}';
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * (b) Repeated envelopes/s: the same `POST /jsapi/getPhoneNumber` body every time (the envelope comes from the
 * cache) ÷ a bare Fastify `POST` route answering a constant JSON of the same size, both with the same request body.
 * Median of alternating rounds. The ratio is what the gateway's own work (schema, model, rules, journal) costs over Fastify itself.
 */
export async function repeatedEnvelopes(rounds = 3, seconds = 3): Promise<BenchResult> {
  const gateway = await spawnServer(paths.cli, ['serve', '--port', '0']);
  let bare: SpawnedServer | undefined;
  const ratios: number[] = [];
  const gatewayRates: number[] = [];
  const bareRates: number[] = [];
  const notes: string[] = [];
  let answerBytes = 0;
  try {
    const sample = await fetch(`${gateway.url}/jsapi/getPhoneNumber`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    answerBytes = (await sample.text()).length;
    bare = await spawnServer(paths.bareFastify, ['--bytes', String(answerBytes)]);
    const gatewayRequest = { method: 'POST', path: '/jsapi/getPhoneNumber', headers: JSON_HEADERS, body: BODY };
    const bareRequest = { method: 'POST', path: '/constant', headers: JSON_HEADERS, body: BODY };
    // both servers stay up (the idle one costs nothing); rounds alternate so that noise hits both alike
    for (let i = 0; i < rounds; i++) {
      const warmupSeconds = i === 0 ? 1 : 0;
      const g = await load({ url: gateway.url, seconds, warmupSeconds, requests: [gatewayRequest] });
      const b = await load({ url: bare.url, seconds, warmupSeconds, requests: [bareRequest] });
      notes.push(...loadNotes(`gateway round ${i + 1}`, g), ...loadNotes(`bare round ${i + 1}`, b));
      gatewayRates.push(g.perSecond);
      bareRates.push(b.perSecond);
      ratios.push(g.perSecond / b.perSecond);
    }
  } finally {
    await gateway.stop();
    await bare?.stop();
  }
  return {
    id: 'repeated-envelopes',
    measured: 'repeated (cached) envelopes/s',
    value: median(gatewayRates),
    baselineName: `bare Fastify constant ${answerBytes}-byte JSON`,
    baseline: median(bareRates),
    unit: 'req/s',
    ratio: median(ratios),
    // information, with a floor: no user of a test mock needs more, and the hot path stays plain code
    target: { op: '>=', value: 0.6 },
    notes: [...notes, `ratio per round ${ratios.map((x) => x.toFixed(2)).join(' ')}`],
  };
}
