/**
 * The browser set-up's decisions: a Chromium found (system or Playwright's cached one) is used; none → Playwright's
 * is installed; the install failing (or a wrong explicit path) → unavailable, and the demo runs with the http
 * driver, saying so on its first and last line.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserLocation } from '../driver/find-browser.js';
import { ensureBuilt, runCli } from '../test-support/built-cli.js';
import { checkCjkFonts } from './check-fonts.js';
import { type EnsureBrowserDeps, ensureBrowser } from './ensure-browser.js';

const FOUND = (source: string): BrowserLocation => ({ ok: true, value: { source } });
const NONE: BrowserLocation = { ok: false, reason: 'no Chromium found' };

function deps(finds: BrowserLocation[], install: 'ok' | 'fails' | 'never', explicit = false) {
  const said: string[] = [];
  let installs = 0;
  const d: EnsureBrowserDeps = {
    find: async () => finds.shift() ?? NONE,
    install: async () => {
      installs++;
      if (install === 'never') throw new Error('install must not be attempted');
      return install === 'ok' ? { ok: true } : { ok: false, reason: 'Download failure' };
    },
    explicit,
    say: (l) => said.push(l),
  };
  return { d, said, installs: () => installs };
}

describe('ensureBrowser', () => {
  it('a system Chromium: used, nothing installed', async () => {
    const { d, installs } = deps([FOUND('system')], 'never');
    expect(await ensureBrowser(d)).toEqual({ kind: 'found', source: 'system' });
    expect(installs()).toBe(0);
  });

  it("Playwright's cached Chromium: used, nothing installed", async () => {
    const { d } = deps([FOUND("Playwright's own Chromium")], 'never');
    expect(await ensureBrowser(d)).toEqual({ kind: 'found', source: "Playwright's own Chromium" });
  });

  it("none: Playwright's Chromium is installed (the user is told), then used", async () => {
    const { d, said, installs } = deps([NONE, FOUND("Playwright's own Chromium")], 'ok');
    expect(await ensureBrowser(d)).toEqual({ kind: 'installed', source: "Playwright's own Chromium" });
    expect(installs()).toBe(1);
    expect(said).toEqual([expect.stringMatching(/installing Playwright's Chromium/)]);
  });

  it('none, and the install fails (no network): unavailable, with the reason', async () => {
    const { d, installs } = deps([NONE], 'fails');
    expect(await ensureBrowser(d)).toEqual({
      kind: 'unavailable',
      reason: "no Chromium found, and installing Playwright's failed (Download failure)",
    });
    expect(installs()).toBe(1);
  });

  it('a wrong explicit path (ALIMOCK_CHROMIUM): unavailable, nothing installed behind the user’s back', async () => {
    const { d } = deps([{ ok: false, reason: 'Chromium not found at /nope (from ALIMOCK_CHROMIUM)' }], 'never', true);
    expect(await ensureBrowser(d)).toMatchObject({ kind: 'unavailable' });
  });

  it('fonts: a warning with the fix when no CJK font is installed; nothing when one is, or when fontconfig is absent', async () => {
    expect(await checkCjkFonts(async () => '')).toMatch(
      /screenshots will show boxes.*apt-get install -y fonts-noto-cjk/,
    );
    expect(await checkCjkFonts(async () => 'Noto Sans CJK SC\n')).toBeUndefined();
    expect(await checkCjkFonts(async () => undefined)).toBeUndefined();
  });
});

describe('npm run demo without a browser', () => {
  it('runs the whole suite with the http driver, saying so on its first and last line; exit 0', async () => {
    ensureBuilt();
    const r = await runCli([], {
      script: 'dist/harness/src/setup/demo.js',
      env: { ALIMOCK_CHROMIUM: '/nonexistent/chrome' },
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const err = r.stderr.trim().split('\n');
    expect(err[0]).toMatch(
      /^alimock demo: no Chromium \(Chromium not found at \/nonexistent\/chrome.*running the suite with the http driver instead; for the browser: sudo apt-get install -y chromium fonts-noto-cjk$/,
    );
    expect(err.at(-1)).toMatch(
      /^alimock demo: ran with the http driver because no Chromium was available — sudo apt-get install/,
    );
    expect(r.stdout).toMatch(/Running 34 scenarios against .* \(http driver/);
    expect(r.stdout).toMatch(/^34 passed, 0 failed, 0 skipped/m);
  });
});
