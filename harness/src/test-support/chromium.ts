import type { Browser } from 'playwright-core';
import { chromiumLaunchOptions, findHeadlessBrowser } from '../driver/find-browser.js';

/** The Chromium the tests use: the one alimock finds, launched as its drivers launch it. */
export async function launchTestBrowser(): Promise<Browser> {
  const where = await findHeadlessBrowser();
  if (!where.ok) throw new Error(where.reason);
  const { chromium } = await import('playwright-core');
  return chromium.launch(chromiumLaunchOptions(where.value));
}

let shared: Promise<Browser> | undefined;

/**
 * One Chromium for every browser test file a test process runs (files share a worker: vitest runs with isolate
 * false): each test opens its own contexts in it, so nothing is shared but the process. Launched on first use and
 * again if it went away. Never close it: it ends with the process (Playwright stops the browsers it launched).
 */
export async function sharedTestBrowser(): Promise<Browser> {
  const running = await shared?.catch(() => undefined);
  if (running?.isConnected()) return running;
  shared = launchTestBrowser();
  return shared;
}

/** At the end of a test file: closes the contexts it left open in the shared Chromium (files run one at a time). */
export async function closeTestContexts(): Promise<void> {
  const running = await shared?.catch(() => undefined);
  await Promise.all((running?.contexts() ?? []).map((c) => c.close().catch(() => undefined)));
}
