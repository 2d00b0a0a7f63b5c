import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES, withDisabledFeatures } from '../driver/chromium-args.js';
import { alimockLaunchOptions } from './playwright.js';

const featuresOf = (arg: string | undefined) => arg?.slice('--disable-features='.length).split(',') ?? [];

describe('alimockLaunchOptions', () => {
  it('names the Chromium findBrowser finds and adds the container flags once, keeping the caller’s', async () => {
    const opts = await alimockLaunchOptions({ args: ['--lang=zh-CN', '--no-sandbox'], slowMo: 5 });
    const withoutFeatures = (args: readonly string[]) => args.filter((a) => !a.startsWith('--disable-features='));
    expect(withoutFeatures(opts.args ?? []).slice(0, withoutFeatures(CHROMIUM_ARGS).length)).toEqual(
      withoutFeatures(CHROMIUM_ARGS),
    );
    expect(opts.args?.filter((a) => a === '--no-sandbox')).toHaveLength(1);
    expect(opts.args).toContain('--lang=zh-CN');
    expect(opts.slowMo).toBe(5);
  });

  it('a --disable-features of the caller’s joins alimock’s and Playwright’s in one switch, the last', async () => {
    const opts = await alimockLaunchOptions({ args: ['--disable-features=MyFeature', '--lang=zh-CN'] });
    const switches = (opts.args ?? []).filter((a) => a.startsWith('--disable-features='));
    expect(switches).toHaveLength(1);
    expect(opts.args?.at(-1)).toBe(switches[0]);
    const features = featuresOf(switches[0]);
    expect(features).toContain('MyFeature');
    expect(features).toContain('SpareRendererForSitePerProcess');
    for (const f of PLAYWRIGHT_DISABLED_FEATURES) expect(features).toContain(f);
  });

  it('an executablePath that does not exist is a setup fault with the path named', async () => {
    await expect(alimockLaunchOptions({ executablePath: '/nonexistent/chrome' })).rejects.toThrow(
      'alimock: Chromium not found at /nonexistent/chrome',
    );
  });
});

describe('withDisabledFeatures', () => {
  it('makes every --disable-features one switch at the end, each feature once', () => {
    const args = withDisabledFeatures(['--a', '--disable-features=X,Y', '--b', '--disable-features=Y,Z,']);
    expect(args.slice(0, 2)).toEqual(['--a', '--b']);
    expect(args).toHaveLength(3);
    const features = featuresOf(args[2]);
    expect(features.filter((f) => f === 'Y')).toHaveLength(1);
    expect(features).toEqual(expect.arrayContaining(['X', 'Y', 'Z', 'HttpsUpgrades', 'WebUIOmniboxPopup']));
    expect(features).not.toContain('');
  });
});

describe('the Chromium a Playwright config launches with alimockLaunchOptions', () => {
  it('keeps every feature the installed Playwright turns off (Chromium obeys only the last --disable-features)', async () => {
    // the full Chromium (a headless shell has no chrome://version); the same switches as alimock's own runs
    const { chromium } = await import('playwright-core');
    const options = await alimockLaunchOptions();
    // Playwright's own download: its full Chromium (channel 'chromium'), not the headless shell it takes by default
    const browser = await chromium.launch(options.executablePath ? options : { ...options, channel: 'chromium' });
    const page = await browser.newPage();
    await page.goto('chrome://version');
    const argv = ((await page.locator('#command_line').textContent()) ?? '').split(/\s+/);
    await browser.close();
    const switches = argv.filter((a) => a.startsWith('--disable-features='));
    // Playwright's own switch comes first, alimock's last: the last must hold all of Playwright's
    expect(switches.length).toBeGreaterThanOrEqual(1);
    const playwrights = featuresOf(switches[0]);
    const effective = featuresOf(switches.at(-1));
    expect(playwrights.filter((f) => !effective.includes(f))).toEqual([]);
    expect(effective).toEqual(expect.arrayContaining(['SpareRendererForSitePerProcess', 'WebUIOmniboxPopup']));
  });
});
