/**
 * Each recipe whose runtime is installed (CI installs them: .ci/install-runtimes): its unit test passes over freshly
 * generated vectors (and fails over a vectors file with one wrong expectation), and its run.sh backend passes every
 * FAQ and security scenario of `alimock run --driver http`. A missing runtime skips its recipe, naming the package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../harness/src/run/run-suite.js';
import { resolvedConfig } from '../../harness/src/test-support/resolved-config.js';
import { tempDirs } from '../../harness/src/test-support/temp-dir.js';
import { generateVectors } from '../../harness/src/vectors/generate-vectors.js';
import type { VectorFile } from '../../harness/src/vectors/vector-types.js';
import { writeVectorFiles } from '../../harness/src/vectors/write-vectors.js';
import { resolveKeys } from '../../mock-gateway/src/app.js';
import { allScenarios } from '../../scenarios/index.js';
import { freePort, run, startBackend } from './test/processes.js';
import { RECIPES, type Recipe, runScript } from './test/recipe-table.js';

const SUITE = allScenarios.filter((s) => s.group === 'faq' || s.group === 'security');
/** builds are cached here across runs (javac and go build then only redo what changed) */
const BUILD_ROOT = join(tmpdir(), 'alimock-recipes-build');

const dirs = tempDirs('recipes');
const keys = resolveKeys(undefined);
let vectorsPath: string;
let wrongVectorsPath: string;

const available = await Promise.all(RECIPES.map(async (r) => ({ recipe: r, env: await r.detect() })));
const builds = new Map<string, Promise<void>>();

function envOf(recipe: Recipe, detected: Record<string, string>): Record<string, string> {
  return { ...detected, RECIPE_BUILD_DIR: join(BUILD_ROOT, recipe.name) };
}

beforeAll(() => {
  const dir = dirs.make();
  const file = generateVectors(keys, { seed: Date.now() % 100_000 });
  const written = writeVectorFiles(dir, file);
  if (!written.ok) throw new Error(written.reason.message);
  vectorsPath = join(dir, 'vectors.json');
  // one expectation made wrong: a unit test that still passes is not testing anything
  const wrong = JSON.parse(readFileSync(vectorsPath, 'utf8')) as VectorFile;
  wrong.vectors[0] = { ...wrong.vectors[0]!, expect: { verdict: 'accepted', mobile: '19999999999' } };
  wrongVectorsPath = join(dir, 'wrong-vectors.json');
  writeFileSync(wrongVectorsPath, JSON.stringify(wrong));
  // every build starts now, in parallel
  for (const { recipe, env } of available) {
    if (env === undefined || recipe.build === undefined) continue;
    const command = recipe.build(envOf(recipe, env));
    builds.set(
      recipe.name,
      run(command).then((r) => {
        if (r.code !== 0) throw new Error(`${recipe.name} build failed (${r.code}): ${r.stderr}`);
      }),
    );
  }
  for (const b of builds.values()) b.catch(() => undefined); // reported by the test that awaits it
});
afterAll(() => dirs.cleanup());

describe.concurrent('recipes', () => {
  for (const { recipe, env } of available) {
    if (env === undefined) {
      it.skip(`${recipe.name}: runtime missing — apt-get install ${recipe.debian}`, () => undefined);
      continue;
    }
    it(`${recipe.name}: unit test over vectors.json, then alimock run (faq + security) against run.sh`, async () => {
      const t0 = performance.now();
      const recipeEnv = envOf(recipe, env);
      await builds.get(recipe.name);
      const tBuilt = performance.now();

      const unit = await run(recipe.unitTest(vectorsPath, recipeEnv));
      expect(unit.code, `${recipe.name} unit test:\n${unit.stdout}${unit.stderr}`).toBe(0);
      const wrong = await run(recipe.unitTest(wrongVectorsPath, recipeEnv));
      expect(wrong.code, `${recipe.name} unit test must fail on a wrong expectation`).not.toBe(0);
      const tUnit = performance.now();

      const backend = await startBackend(runScript(recipe, await freePort(), keys.dir, recipeEnv));
      try {
        const config = resolvedConfig({
          driver: 'http',
          target: backend.url,
          workers: 4,
          reporters: [],
          reportDir: dirs.make(),
        });
        const result = await runSuite(config, { scenarios: SUITE, reporters: [] });
        if (!result.ok) throw new Error(result.reason);
        const failed = result.value.scenarios.filter((s) => s.status === 'failed');
        const why = failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`).join('\n');
        expect(failed, `${why}\n${backend.output()}`).toEqual([]);
        expect(result.value.scenarios.map((s) => s.id).sort()).toEqual(SUITE.map((s) => s.id).sort());
      } finally {
        await backend.stop();
      }
      const ms = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
      const end = performance.now();
      console.log(
        `recipe ${recipe.name}: ${ms(t0, end)} (build wait ${ms(t0, tBuilt)}, unit tests ${ms(tBuilt, tUnit)}, backend + alimock run ${ms(tUnit, end)})`,
      );
    }, 300_000);
  }
});
