/**
 * The layer arrows hold (the same check as `npm run lint:layers`, which CI runs): the gateway stands alone, the
 * protocol is pure, the runner is given its scenarios, shipped code never imports examples.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';

describe('layers', () => {
  it('dependency-cruiser finds no forbidden import', () => {
    const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    let out = '';
    let failed = false;
    try {
      out = execFileSync(
        process.execPath,
        [
          bin,
          'harness',
          'mock-gateway',
          'mini-program',
          'scenarios',
          'reference-backend',
          'examples',
          'bench',
          '--config',
          '.dependency-cruiser.cjs',
        ],
        { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (e) {
      failed = true;
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(failed ? out : '', 'npm run lint:layers').toBe('');
    expect(out).toMatch(/no dependency violations found/);
  }, 120_000);
});
