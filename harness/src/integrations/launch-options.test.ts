import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../driver/find-browser.js';
import { alimockLaunchOptions } from './playwright.js';

describe('alimockLaunchOptions', () => {
  it('names the Chromium findBrowser finds and adds the container flags once, keeping the caller’s', async () => {
    const opts = await alimockLaunchOptions({ args: ['--lang=zh-CN', '--no-sandbox'], slowMo: 5 });
    expect(opts.args?.slice(0, CHROMIUM_ARGS.length)).toEqual(CHROMIUM_ARGS);
    expect(opts.args?.filter((a) => a === '--no-sandbox')).toHaveLength(1);
    expect(opts.args).toContain('--lang=zh-CN');
    expect(opts.slowMo).toBe(5);
  });

  it('an executablePath that does not exist is a setup fault with the path named', async () => {
    await expect(alimockLaunchOptions({ executablePath: '/nonexistent/chrome' })).rejects.toThrow(
      'alimock: Chromium not found at /nonexistent/chrome',
    );
  });
});
