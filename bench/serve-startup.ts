import { type BenchResult, median } from './bench-result.js';
import { paths } from './paths.js';
import { spawnServer } from './processes.js';

/**
 * (c) Start-up: `alimock serve --port 0` from spawn to its first stdout line, median of `runs` ÷ the same for a bare
 * Fastify script that listens and prints a line. Runs alternate so that machine noise hits both alike.
 */
export async function serveStartup(runs = 10): Promise<BenchResult> {
  const alimock: number[] = [];
  const bare: number[] = [];
  // one untimed run each: warms the OS file cache
  for (const script of [paths.cli, paths.bareFastify]) {
    const s = await spawnServer(script, script === paths.cli ? ['serve', '--port', '0'] : []);
    await s.stop();
  }
  for (let i = 0; i < runs; i++) {
    const a = await spawnServer(paths.cli, ['serve', '--port', '0']);
    alimock.push(a.startupMs);
    await a.stop();
    const b = await spawnServer(paths.bareFastify);
    bare.push(b.startupMs);
    await b.stop();
  }
  const a = median(alimock);
  const b = median(bare);
  return {
    id: 'serve-startup',
    measured: 'alimock serve → first line (median)',
    value: a,
    baselineName: 'bare Fastify → first line (median)',
    baseline: b,
    unit: 'ms',
    ratio: a / b,
    target: { op: '<=', value: 1.5 },
    notes: [
      `alimock runs ${alimock.map((x) => x.toFixed(0)).join(' ')} ms; bare ${bare.map((x) => x.toFixed(0)).join(' ')} ms`,
    ],
  };
}
