import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Playwright example, run the way a user runs it: `npx playwright test -c examples/playwright/playwright.config.ts`.
 * It imports `alimock/playwright` by the package name, so dist/ must be built (`npm test` builds first).
 */
const root = join(import.meta.dirname, '..', '..');

function run(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // one worker (the config asks for two): the same fixtures and tests, one Chromium, gateway and backend fewer
    // Playwright's own CLI (what `npx playwright` runs), without loading npm first
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
        'test',
        '-c',
        'examples/playwright/playwright.config.ts',
        '--reporter=line',
        '--workers=1',
      ],
      { cwd: root, env: { ...process.env, CI: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('examples/playwright', () => {
  it('passes: 4 tests (success, refusal, 40006, 20000) in Chromium against the reference backend', async () => {
    expect(existsSync(join(root, 'dist/harness/src/integrations/playwright.js')), 'build first: npm run build').toBe(
      true,
    );
    const { code, out } = await run();
    expect(out).toMatch(/Running 4 tests/);
    expect(out).toMatch(/\b4 passed\b/);
    expect(out).not.toMatch(/\bfailed\b|\bflaky\b|\bskipped\b/);
    expect(code, out).toBe(0);
  }, 180_000);
});
