import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Two projects, selected with `--project`:
 * - unit: pure modules and in-process routes (no browser, no spawned process) — `npm run test:unit`, seconds;
 * - e2e: Chromium, spawned CLIs and backends, whole suites — `npm run test:e2e`.
 * `npm test` (and CI) runs every file of both in one pool instead (see `PROJECT_SELECTED`).
 */
const UNIT = [
  'mock-gateway/src/{protocol,model,keys,bridge,playground}/**/*.test.ts',
  'mock-gateway/src/routes/**/*.test.ts',
  'harness/src/{doctor,target,report,scenario,config,vectors,core}/**/*.test.ts',
  'harness/src/run/{judge,select,verdict-doc}.test.ts',
  'harness/src/run/scenario/**/*.test.ts',
  'harness/src/cli/{program,serve-setup}.test.ts',
  'harness/src/driver/given-browser.test.ts',
  'harness/src/diagnosis/rules.test.ts',
  'harness/src/playground/{serve-hooks,export-file}.test.ts',
  'mini-program/src/{acss,axml,hosts,lint,project,my-apis}/**/*.test.ts',
  'reference-backend/src/{app,keys,malformed,raw-json}.test.ts',
  'examples/test-support/**/*.test.ts',
  'examples/broken-backends/**/*.test.ts',
  'bench/**/*.test.ts',
];
const ALL = [
  'mock-gateway/**/*.test.ts',
  'harness/**/*.test.ts',
  'mini-program/**/*.test.ts',
  'scenarios/**/*.test.ts',
  'examples/**/*.test.ts',
  'reference-backend/**/*.test.ts',
  'bench/**/*.test.ts',
];
/**
 * Workers: `--maxWorkers N` (or `N%`) from the command line, else max(2, cores - 1). minWorkers is set to the same
 * number (below), so it must follow the command line too: vitest refuses a minimum above the maximum.
 */
function workers(): number {
  const given = /--max-?workers[=\s](\d+)(%?)/i.exec(process.argv.join(' '));
  if (!given) return Math.max(2, availableParallelism() - 1);
  const n = Number(given[1]);
  return Math.max(1, given[2] ? Math.floor((availableParallelism() * n) / 100) : n);
}
const WORKERS = workers();

/**
 * Whether the command line selects a project (`--project unit`). Without one — `npm test`, CI — the files of both
 * run as one project: vitest gives each project its own workers, so two projects import every shared module
 * (Fastify, Playwright, the gateway, the harness) in twice as many processes, and the second project waited for the
 * first one's last file. Measured with `npm test` on 2 cores: 107 s wall and 185 CPU s as two projects, 82 s and
 * 147 CPU s as one.
 */
const PROJECT_SELECTED = process.argv.some((a) => a === '--project' || a.startsWith('--project='));

/**
 * Files that run long for their size (they drive other runners: Playwright's, four languages' toolchains, the CLI
 * under signals). Vitest runs the longest files first from its timings, and without timings (a fresh clone, CI) the
 * largest: these small files then started last, and one worker waited on one of them at the end. They go first
 * when vitest has no timing for them.
 */
const LONG_FOR_THEIR_SIZE = [
  'examples/playwright/run-playwright.test.ts',
  'examples/recipes/recipes.test.ts',
  'harness/src/cli/run-lifecycle.test.ts',
];

class LongFirstWithoutTimings extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const untimedLong = (f: TestSpecification) => {
      const path = relative(this.ctx.config.root, f.moduleId);
      return (
        LONG_FOR_THEIR_SIZE.includes(path) &&
        this.ctx.cache.getFileTestResults(`${f.project.name}:${path}`) === undefined
      );
    };
    return [...sorted.filter(untimedLong), ...sorted.filter((f) => !untimedLong(f))];
  }
}

export default defineConfig({
  test: {
    exclude: ['node_modules', 'dist'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    sequence: { sequencer: LongFirstWithoutTimings },
    // one module graph per worker, not per file (the per-file import cost was half the unit time); every e2e file
    // starts and stops what it uses (browsers, servers, processes)
    isolate: false,
    // vitest's default (cores - 1) is one worker on a 2-core machine: the e2e files mostly wait (on Chromium, on
    // spawned CLIs and backends), so two run side by side even there
    maxWorkers: WORKERS,
    // as many from the start: a pool that may shrink terminates idle workers, and with isolate: false vitest 3 then
    // fails the run ("Terminating worker thread") on any machine where the two differ (3+ cores)
    minWorkers: WORKERS,
    ...(PROJECT_SELECTED
      ? {
          projects: [
            { extends: true, test: { name: 'unit', include: UNIT } },
            { extends: true, test: { name: 'e2e', include: ALL, exclude: ['node_modules', 'dist', ...UNIT] } },
          ],
        }
      : { include: ALL }),
  },
});
