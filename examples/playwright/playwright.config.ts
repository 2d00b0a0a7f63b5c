/**
 * Playwright config for the example: the browser is the Chromium alimock finds (system Chromium, or Playwright's
 * own), launched with the flags a container needs. Run: `npx playwright test -c examples/playwright/playwright.config.ts`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { alimockLaunchOptions } from 'alimock/playwright';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  // traces and screenshots of failures (none are kept on success)
  outputDir: join(tmpdir(), 'alimock-playwright-example'),
  use: {
    launchOptions: await alimockLaunchOptions(),
    viewport: { width: 375, height: 667 },
    locale: 'zh-CN',
    trace: 'off',
  },
});
