import { describe, expect, it } from 'vitest';
import { findBrowser, findHeadlessBrowser, INSTALL_HINT } from './find-browser.js';

const EXISTING = process.execPath; // any file that exists will do as a stand-in executable
const none = () => undefined;

describe('findBrowser', () => {
  it('takes an explicit path from the config first', async () => {
    expect(await findBrowser(EXISTING, {}, [], none)).toEqual({
      ok: true,
      value: { executablePath: EXISTING, source: 'config' },
    });
  });

  it('says which setting named a path that does not exist', async () => {
    const fromConfig = await findBrowser('/nope/chrome', {}, [], none);
    expect(fromConfig).toEqual({ ok: false, reason: 'Chromium not found at /nope/chrome (from the config)' });
    const fromEnv = await findBrowser(undefined, { ALIMOCK_CHROMIUM: '/nope/chrome' }, [], none);
    expect(fromEnv.ok).toBe(false);
    if (!fromEnv.ok) expect(fromEnv.reason).toMatch(/ALIMOCK_CHROMIUM/);
  });

  it('uses ALIMOCK_CHROMIUM, then Playwright’s own download, then the system paths', async () => {
    expect(await findBrowser(undefined, { ALIMOCK_CHROMIUM: EXISTING }, [], none)).toMatchObject({
      ok: true,
      value: { executablePath: EXISTING, source: 'ALIMOCK_CHROMIUM' },
    });
    expect(await findBrowser(undefined, {}, ['/nope/a'], () => EXISTING)).toEqual({
      ok: true,
      value: { source: "Playwright's own Chromium" },
    });
    expect(await findBrowser(undefined, {}, ['/nope/a', EXISTING], () => '/nope/own')).toEqual({
      ok: true,
      value: { executablePath: EXISTING, source: 'system' },
    });
  });

  it('with nothing found, says how to install one (both ways) or to use the http driver', async () => {
    const r = await findBrowser(undefined, {}, ['/nope/a'], none);
    expect(r).toEqual({ ok: false, reason: INSTALL_HINT });
    expect(INSTALL_HINT).toMatch(/npx playwright install chromium/);
    expect(INSTALL_HINT).toMatch(/apt-get install chromium fonts-noto-cjk/);
    expect(INSTALL_HINT).toMatch(/--driver http/);
  });
});

describe('findHeadlessBrowser (alimock’s own runs, always headless)', () => {
  it('takes a system headless shell before the system Chromium; explicit paths and Playwright’s own still come first', async () => {
    expect(await findHeadlessBrowser(undefined, {}, ['/nope/shell', EXISTING], ['/usr/bin/true'], none)).toEqual({
      ok: true,
      value: { executablePath: EXISTING, source: 'system' },
    });
    expect(await findHeadlessBrowser(undefined, {}, ['/nope/shell'], [EXISTING], none)).toMatchObject({
      value: { executablePath: EXISTING },
    });
    expect(await findHeadlessBrowser(undefined, {}, [EXISTING], [], () => EXISTING)).toEqual({
      ok: true,
      value: { source: "Playwright's own Chromium" },
    });
    expect(
      await findHeadlessBrowser(undefined, { ALIMOCK_CHROMIUM: '/nope/chrome' }, [EXISTING], [], none),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe('a Chromium that will not start', () => {
  it('is reported before any scenario runs, naming where it came from, its path and what to change', async () => {
    const { createBrowserDriver } = await import('./browser-driver.js');
    const r = await createBrowserDriver({ executablePath: '/bin/false' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(
      /^Chromium \(config: \/bin\/false\) failed to start: .*; set browser\.executablePath or ALIMOCK_CHROMIUM to another$/,
    );
  });
});
