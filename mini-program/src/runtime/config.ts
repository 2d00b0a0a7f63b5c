/** The page URL's query: who the page runs as (session, appId, userId), the backend URLs, display options. */
import { type AlimockConfig, win } from './globals.js';

export const query = new URLSearchParams(location.search);

export function param(name: string): string | undefined {
  const v = query.get(name);
  return v === null || v === '' ? undefined : v;
}

const omitUndefined = <T extends Record<string, unknown>>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

export const config: AlimockConfig = {
  session: param('session'),
  appId: param('appId'),
  userId: param('userId'),
  phoneUrl: param('phoneUrl') ?? '',
  loginUrl: param('loginUrl'),
};

/** `?canIUse=0`: the client has no getAuthorize button */
export const canIUseButton = !['0', 'false', 'no'].includes((param('canIUse') ?? '1').toLowerCase());

/** session, userId and appId for the gateway's JSAPI calls */
export const identity = (): Record<string, string> =>
  omitUndefined({ session: config.session, userId: config.userId, appId: config.appId }) as Record<string, string>;

export { omitUndefined };

export function installConfig(): void {
  win.__ALIMOCK__ = config;
}
