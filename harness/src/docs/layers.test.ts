/**
 * The layer rules have teeth: dependency-cruiser, with the project's own rule file, refuses each kind of arrow that
 * points the wrong way in a small tree built to break them. (`npm run lint:layers`, which CI runs before the tests,
 * applies the same file to the real tree.)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('layers');
afterAll(() => dirs.cleanup());

/** file → the files it imports (relative specifiers) */
const TREE: Record<string, string[]> = {
  'mock-gateway/src/protocol/envelope.ts': ['../model/store.js'],
  'mock-gateway/src/model/store.ts': ['../routes/admin.js'],
  'mock-gateway/src/routes/admin.ts': ['../../../harness/src/run/runner.js'],
  'harness/src/run/runner.ts': ['../../../scenarios/faq/index.js', '../../../examples/broken.js'],
  'harness/src/driver/http.ts': ['../report/types.js'],
  'harness/src/report/types.ts': [],
  'scenarios/faq/index.ts': ['../../harness/src/run/runner.js'],
  'reference-backend/src/server.ts': ['../../mock-gateway/src/protocol/envelope.js'],
  'examples/broken.ts': ['../harness/src/run/runner.js'],
  // allowed: tests reach across, examples use anything, routes use the model
  'mock-gateway/src/routes/admin.test.ts': ['../../../harness/src/run/runner.js'],
  'mock-gateway/src/routes/ok.ts': ['../model/store.js'],
};

function cruise(root: string): string {
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  try {
    return execFileSync(
      process.execPath,
      [bin, 'harness', 'mock-gateway', 'scenarios', 'reference-backend', 'examples', '--config', 'rules.cjs'],
      { cwd: root, encoding: 'utf8', stdio: 'pipe' },
    );
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('layers', () => {
  it('each wrong-way arrow is refused by name; allowed ones are not', () => {
    const root = dirs.make();
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(root, 'rules.cjs'));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext' } }));
    for (const [file, imports] of Object.entries(TREE)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), `${imports.map((i) => `import '${i}';`).join('\n')}\nexport const x = 1;\n`);
    }
    const out = cruise(root);
    const flagged = (rule: string, from: string) => out.includes(`${rule}: ${from} →`);
    expect(flagged('protocol-is-pure', 'mock-gateway/src/protocol/envelope.ts'), out).toBe(true);
    expect(flagged('model-below-routes', 'mock-gateway/src/model/store.ts'), out).toBe(true);
    expect(flagged('gateway-stands-alone', 'mock-gateway/src/routes/admin.ts'), out).toBe(true);
    expect(flagged('runner-is-given-its-scenarios', 'harness/src/run/runner.ts'), out).toBe(true);
    expect(flagged('nothing-ships-examples', 'harness/src/run/runner.ts'), out).toBe(true);
    expect(flagged('drivers-and-target-below-reports', 'harness/src/driver/http.ts'), out).toBe(true);
    expect(flagged('reference-backend-without-alimock', 'reference-backend/src/server.ts'), out).toBe(true);
    expect(flagged('scenarios-are-data', 'scenarios/faq/index.ts'), out).toBe(true);
    expect(flagged('no-circular', 'harness/src/run/runner.ts'), out).toBe(true);
    expect(out).not.toMatch(/admin\.test\.ts/);
    expect(out).not.toMatch(/routes\/ok\.ts/);
  }, 60_000);
});
