import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The features Playwright's launcher turns off (its own `--disable-features`, as of playwright-core 1.65: network
 * noise to Google at start-up, HTTPS upgrades of http:// navigations, third-party storage partitioning, …).
 * Chromium keeps only the last `--disable-features` on its command line, and a caller's switch comes after
 * Playwright's: a list of ours must repeat these, or it switches them back on. A test compares this list with the
 * command line of the Chromium the installed Playwright launches.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',

  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Features a test browser does not need, each of which costs a renderer process: the spare renderer Chromium keeps
 * warm for the next navigation (started again after each one), and the omnibox popups (WebUI pages) new headless
 * Chromium builds for every browser context. Together they more than doubled the CPU of a browser run (measured on
 * the 34-scenario suite: 21.7 → 13.3 CPU seconds). Unknown names are ignored by builds without them.
 */
const DISABLED_FEATURES = [
  'SpareRendererForSitePerProcess',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
] as const;

const DISABLE_FEATURES = '--disable-features=';

/**
 * `args` with every `--disable-features` among them made one, holding Playwright's list, alimock's and the caller's
 * (Chromium would keep only the last of several).
 */
export function withDisabledFeatures(args: readonly string[]): string[] {
  const named = args
    .filter((a) => a.startsWith(DISABLE_FEATURES))
    .flatMap((a) => a.slice(DISABLE_FEATURES.length).split(','))
    .filter((f) => f !== '');
  const features = [...new Set([...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_FEATURES, ...named])];
  return [...args.filter((a) => !a.startsWith(DISABLE_FEATURES)), `${DISABLE_FEATURES}${features.join(',')}`];
}

export const CHROMIUM_ARGS: readonly string[] = withDisabledFeatures([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

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
