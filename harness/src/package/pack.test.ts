/**
 * What `npm pack` ships: the built code, its types, keys, docs, the examples to read and copy — no tests, no test
 * support, no benchmarks, no fixtures, no source maps of sources that do not ship.
 */
import { describe, expect, it } from 'vitest';
import { packedPaths } from '../docs/test/package-files.js';

describe('the package', () => {
  it('ships no tests, test support, benchmarks, fixtures or source maps', () => {
    const files = packedPaths();
    expect(files.length).toBeGreaterThan(300);
    const unwanted = files.filter(
      (f) =>
        /\.test\.[mc]?[jt]s$|\.spec\.ts$|\/test-support\/|^dist\/bench\/|\/fixtures\/|\.map$|^dist\/examples\//.test(
          f,
        ) || f.startsWith('examples/recipes/test/'),
    );
    // the one spec that ships is the Playwright example a team copies
    expect(unwanted.filter((f) => f !== 'examples/playwright/phone-binding.spec.ts')).toEqual([]);
  });

  it('ships what the bin, the entry points and the docs need', () => {
    const files = new Set(packedPaths());
    for (const f of [
      'dist/harness/src/cli/main.js',
      'dist/harness/src/index.d.ts',
      'dist/harness/src/integrations/vitest.js',
      'dist/harness/src/integrations/playwright.js',
      'dist/harness/src/integrations/msw.js',
      'dist/mock-gateway/src/index.js',
      'dist/mini-program/runtime.js',
      'dist/harness/src/scenario/scenario-file.schema.json',
      'dist/reference-backend/src/server.js',
      'mini-program/faq-sample/app.json',
      'keys/alipay-public.txt',
      'docs/contract.md',
      'README.md',
    ])
      expect(files.has(f), f).toBe(true);
  });
});
