/**
 * The command line alimock gives Chromium: headless, the flags a container needs, and one `--disable-features`
 * holding Playwright's list, alimock's and a caller's.
 */
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
