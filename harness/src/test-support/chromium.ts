import type { Browser } from 'playwright-core';
import { chromiumLaunchOptions, findBrowser } from '../driver/find-browser.js';

/** The Chromium the tests use: the one alimock finds, launched as its drivers launch it. */
export async function launchTestBrowser(): Promise<Browser> {
  const where = await findBrowser();
  if (!where.ok) throw new Error(where.reason);
  const { chromium } = await import('playwright-core');
  return chromium.launch(chromiumLaunchOptions(where.value));
}
