/**
 * `npm run bench`: each benchmark's ratio against a baseline measured in this same run, with its target and
 * PASS/MISS. Informs, does not gate: always exits 0 (a crash of one benchmark is reported and the others still run).
 */
import { availableParallelism } from 'node:os';
import { type BenchResult, formatResult, passes } from './bench-result.js';
import { browserMarginal, faqSuiteBrowser, faqSuiteHttp, projectMarginal } from './faq-suite.js';
import { memoryAfterLoad } from './memory.js';
import { repeatedEnvelopes } from './repeated-envelopes.js';
import { serveStartup } from './serve-startup.js';
import { uniqueEnvelopes } from './unique-envelopes.js';

const BENCHMARKS: Array<[string, () => Promise<BenchResult>]> = [
  ['unique-envelopes', () => uniqueEnvelopes()],
  ['repeated-envelopes', () => repeatedEnvelopes()],
  ['serve-startup', () => serveStartup()],
  ['faq-suite-http', () => faqSuiteHttp()],
  ['faq-suite-browser', () => faqSuiteBrowser()],
  ['browser-marginal-scenario', () => browserMarginal()],
  ['project-marginal-scenario', () => projectMarginal()],
  ['memory-1m', () => memoryAfterLoad()],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const started = performance.now();
  process.stdout.write(
    `alimock benchmarks — node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString()}\n`,
  );
  let missed = 0;
  for (const [id, bench] of BENCHMARKS) {
    if (only.length > 0 && !only.includes(id)) continue;
    try {
      const result = await bench();
      if (!passes(result)) missed++;
      process.stdout.write(`${formatResult(result)}\n`);
    } catch (e) {
      missed++;
      process.stdout.write(`MISS  ${id}: did not run — ${(e as Error).message}\n`);
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`${missed === 0 ? 'all targets met' : `${missed} target(s) missed`} in ${secs} s\n`);
}

await main();
process.exitCode = 0;
