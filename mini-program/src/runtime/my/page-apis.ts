/**
 * The everyday APIs a real page calls around the phone flow (title, toasts, pull-down refresh, scrolling, network,
 * account info, analytics, vibration) and the `my` constants (env, isIDE, SDKVersion): each does what it can in the
 * phone frame and answers as Alipay does, so a team's page runs as written.
 */
import { config } from '../config.js';
import { byId } from '../dom.js';
import { setBar } from '../shell.js';
import { api, syncApi } from './api.js';
import { CLIENT, SDK_VERSION } from './system.js';

const ok = (result: Record<string, unknown> = {}) => ({ ok: true as const, result });

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** my.setNavigationBar and its Title/Color forms: what is given of title, backgroundColor, frontColor. */
function navigationBar(opts: Record<string, unknown>) {
  setBar({ title: text(opts.title), background: text(opts.backgroundColor), color: text(opts.frontColor) });
  return ok();
}

export const setNavigationBar = api('setNavigationBar', navigationBar);
export const setNavigationBarTitle = api('setNavigationBarTitle', navigationBar);
export const setNavigationBarColor = api('setNavigationBarColor', navigationBar);

export const showNavigationBarLoading = api('showNavigationBarLoading', () => ok());
export const hideNavigationBarLoading = api('hideNavigationBarLoading', () => ok());

export const startPullDownRefresh = api('startPullDownRefresh', () => ok());
export const stopPullDownRefresh = api('stopPullDownRefresh', () => ok());

export const pageScrollTo = api('pageScrollTo', (opts) => {
  const top = Number(opts.scrollTop ?? 0);
  byId('content').scrollTo({ top: Number.isFinite(top) ? top : 0 });
  return ok();
});

export const hideKeyboard = api('hideKeyboard', () => {
  (document.activeElement as HTMLElement | null)?.blur?.();
  return ok();
});

export const vibrate = api('vibrate', () => ok());
export const vibrateShort = api('vibrateShort', () => ok());
export const vibrateLong = api('vibrateLong', () => ok());

export const getNetworkType = api('getNetworkType', () => ok({ networkAvailable: true, networkType: 'WIFI' }));

export const getRunScene = api('getRunScene', () => ok({ envVersion: 'develop' }));

export const getAccountInfoSync = syncApi('getAccountInfoSync', () => ({
  miniProgram: { appId: config.appId ?? '', envVersion: 'develop', version: '' },
}));

/** my.reportAnalytics(eventName, data): logged, sent nowhere. */
export const reportAnalytics = syncApi('reportAnalytics', (_event: unknown, _data?: unknown) => undefined);

export const env = {
  USER_DATA_PATH: 'https://usr',
  clientName: 'ap',
  clientVersion: CLIENT.version,
  language: CLIENT.language,
  platform: CLIENT.platform,
};
export const isIDE = false;
export const SDKVersion = SDK_VERSION;
