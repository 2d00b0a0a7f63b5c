/**
 * The everyday APIs a real page calls around the phone flow (title, toasts, pull-down refresh, scrolling, network,
 * account info, analytics, vibration) and the `my` constants (env, isIDE, SDKVersion): each does what it can in the
 * phone frame and answers as Alipay does, so a team's page runs as written.
 */
import { config } from '../config.js';
import { byId } from '../dom.js';
import { api, syncApi } from './api.js';
import { SDK_VERSION } from './system.js';

const ok = (result: Record<string, unknown> = {}) => ({ ok: true as const, result });

function navigationBar(opts: Record<string, unknown>) {
  if (typeof opts.title === 'string') {
    byId('nav-title').textContent = opts.title;
    document.title = opts.title;
  }
  const bar = document.querySelector<HTMLElement>('.nav-bar');
  if (bar && typeof opts.backgroundColor === 'string') bar.style.background = opts.backgroundColor;
  if (bar && typeof opts.frontColor === 'string') bar.style.color = opts.frontColor;
  return ok();
}

export const setNavigationBar = api('setNavigationBar', navigationBar);
export const setNavigationBarTitle = api('setNavigationBarTitle', navigationBar);
export const setNavigationBarColor = api('setNavigationBarColor', navigationBar);

export const showNavigationBarLoading = api('showNavigationBarLoading', () => ok());
export const hideNavigationBarLoading = api('hideNavigationBarLoading', () => ok());

export const hideToast = api('hideToast', () => {
  document.getElementById('my-toast')?.remove();
  return ok();
});

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
  clientVersion: '10.5.0',
  language: 'zh-Hans',
  platform: 'iOS',
};
export const isIDE = false;
export const SDKVersion = SDK_VERSION;
