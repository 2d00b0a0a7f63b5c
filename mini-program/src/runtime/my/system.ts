/** my.getSystemInfo(Sync) (an iPhone-sized Alipay client), my.canIUse. */
import { canIUseButton } from '../config.js';
import { log } from '../event-log.js';
import { api, syncApi } from './api.js';

export const SDK_VERSION = '2.8.0';
/** The Alipay client alimock plays: what getSystemInfo and my.env say of it. */
export const CLIENT = { version: '10.5.0', language: 'zh-Hans', platform: 'iOS' } as const;

function systemInfo(): Record<string, unknown> {
  const phone = document.getElementById('phone');
  const width = phone?.clientWidth || innerWidth;
  const height = phone?.clientHeight || innerHeight;
  return {
    model: 'iPhone14,2',
    brand: 'iPhone',
    platform: CLIENT.platform,
    system: '16.0',
    version: CLIENT.version,
    SDKVersion: SDK_VERSION,
    app: 'alipay',
    language: CLIENT.language,
    pixelRatio: devicePixelRatio || 2,
    windowWidth: width,
    windowHeight: height - 68,
    screenWidth: width,
    screenHeight: height,
    statusBarHeight: 24,
    titleBarHeight: 44,
    fontSizeSetting: 16,
    storage: '10 MB',
  };
}

export const getSystemInfoSync = syncApi('getSystemInfoSync', () => systemInfo());
export const getSystemInfo = api('getSystemInfo', () => ({ ok: true, result: systemInfo() }));

export function makeCanIUse(supported: () => ReadonlySet<string>): (schema: unknown) => boolean {
  return (schema) => {
    const s = String(schema ?? '');
    const result = s.startsWith('button.open-type.getAuthorize')
      ? canIUseButton
      : supported().has(s.replace(/^my\./, '').split('.')[0] ?? '');
    log('jsapi', 'canIUse', [s], { result });
    return result;
  };
}
