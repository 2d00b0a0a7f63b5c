import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHROMIUM_ARGS } from './chromium-args.js';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Chromium's old headless mode as its own program (Debian's `chromium-headless-shell`; Playwright's download uses its
 * own the same way): the same Blink without the browser's windows and views, so a context costs about half and a
 * scenario about a quarter less CPU. alimock's own runs are always headless and take it first; a Playwright config
 * (`alimockLaunchOptions`) does not, since a test may run headed.
 */
const HEADLESS_SHELL_CANDIDATES = ['/usr/bin/chromium-headless-shell'];

const require = createRequire(import.meta.url);

/** Where Playwright's own download would be (`npx playwright install chromium`), if playwright-core knows. */
function defaultPlaywrightOwn(): string | undefined {
  try {
    return (require('playwright-core') as typeof import('playwright-core')).chromium.executablePath();
  } catch {
    return undefined;
  }
}

export const INSTALL_HINT =
  "no Chromium found: install one with `npx playwright install chromium` (downloads Playwright's own), or on Debian/Ubuntu `apt-get install chromium fonts-noto-cjk`, or set ALIMOCK_CHROMIUM=/path/to/chrome; or use --driver http";

export type BrowserLocation =
  | { ok: true; value: { executablePath?: string; source: string } }
  | { ok: false; reason: string };

/**
 * Where Chromium is: an explicit path (config / ALIMOCK_CHROMIUM), Playwright's own download, then the usual system
 * paths. `executablePath` undefined means "let Playwright use its own".
 */
export async function findBrowser(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  systemCandidates: readonly string[] = SYSTEM_CANDIDATES,
  playwrightOwn: () => string | undefined = defaultPlaywrightOwn,
): Promise<BrowserLocation> {
  const wanted = explicit ?? env.ALIMOCK_CHROMIUM;
  if (wanted) {
    return existsSync(wanted)
      ? { ok: true, value: { executablePath: wanted, source: explicit ? 'config' : 'ALIMOCK_CHROMIUM' } }
      : { ok: false, reason: `Chromium not found at ${wanted} (from ${explicit ? 'the config' : 'ALIMOCK_CHROMIUM'})` };
  }
  const own = playwrightOwn();
  if (own && existsSync(own)) return { ok: true, value: { source: "Playwright's own Chromium" } };
  const system = systemCandidates.find((p) => existsSync(p));
  if (system) return { ok: true, value: { executablePath: system, source: 'system' } };
  return { ok: false, reason: INSTALL_HINT };
}

/** Where a Chromium for alimock's own headless runs is: as findBrowser, with a system headless shell first. */
export function findHeadlessBrowser(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  headlessShells: readonly string[] = HEADLESS_SHELL_CANDIDATES,
  systemCandidates: readonly string[] = SYSTEM_CANDIDATES,
  playwrightOwn: () => string | undefined = defaultPlaywrightOwn,
): Promise<BrowserLocation> {
  return findBrowser(explicit, env, [...headlessShells, ...systemCandidates], playwrightOwn);
}

/** How alimock launches the Chromium it found: headless, with the flags a container needs. */
export function chromiumLaunchOptions(where: { executablePath?: string }): {
  executablePath?: string;
  args: string[];
  headless: true;
} {
  return {
    ...(where.executablePath ? { executablePath: where.executablePath } : {}),
    args: [...CHROMIUM_ARGS],
    headless: true,
  };
}
