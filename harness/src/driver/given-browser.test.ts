import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBrowserDriver } from './browser-driver.js';

describe('the browser driver in a Chromium the caller gives', () => {
  it('refuses one that is already closed, saying so (it launches none of its own)', async () => {
    const closed = { isConnected: () => false } as unknown as Browser;
    expect(await createBrowserDriver({ browser: closed, executablePath: '/nope/chrome' })).toEqual({
      ok: false,
      reason: 'the Chromium given to run in is closed',
    });
  });
});
