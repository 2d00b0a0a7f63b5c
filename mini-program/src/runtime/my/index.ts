/**
 * The global `my`: the APIs alimock models; another of Alipay's own APIs answers 该接口暂不支持 (logged, its failure
 * never an unhandled error); a name Alipay does not have (a WeChat API, a typo) is undefined, as on a real client.
 */

import { ALIPAY_APIS } from '../../my-apis/alipay-apis.js';
import type { Router } from '../router.js';
import { notSupported } from './api.js';
import { navigationApis } from './navigation.js';
import * as pageApis from './page-apis.js';
import { getAuthCode, getPhoneNumber, getSetting } from './phone.js';
import { httpRequest, request } from './request.js';
import * as storage from './storage.js';
import { getSystemInfo, getSystemInfoSync, makeCanIUse } from './system.js';
import { alert, confirm, hideLoading, hideToast, showLoading, showToast } from './ui.js';

export function createMy(router: () => Router | undefined): Record<string, unknown> {
  // every name is one of Alipay's own APIs (checked against @mini-types/my)
  const impl: Record<string, unknown> = {
    getPhoneNumber,
    getAuthCode,
    getSetting,
    request,
    alert,
    confirm,
    showToast,
    hideToast,
    showLoading,
    hideLoading,
    getSystemInfo,
    getSystemInfoSync,
    ...storage,
    ...pageApis,
    ...navigationApis(router),
  } satisfies Partial<Record<keyof typeof my, unknown>>;
  // a legacy API the official types leave out (see LEGACY_APIS)
  impl.httpRequest = httpRequest;
  const supported = new Set([...Object.keys(impl), 'canIUse']);
  impl.canIUse = makeCanIUse(() => supported);
  return new Proxy(impl, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop in target || !ALIPAY_APIS.has(prop)) return target[prop as string];
      target[prop] = notSupported(prop);
      return target[prop];
    },
  });
}
