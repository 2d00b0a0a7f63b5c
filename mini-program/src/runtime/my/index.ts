/** The global `my`: the supported APIs; any other name answers 该接口暂不支持 (logged), like the stub page. */
import type { Router } from '../router.js';
import { notSupported } from './api.js';
import { navigationApis } from './navigation.js';
import { getAuthCode, getPhoneNumber, getSetting } from './phone.js';
import { request } from './request.js';
import * as storage from './storage.js';
import { getSystemInfo, getSystemInfoSync, makeCanIUse } from './system.js';
import { alert, confirm, hideLoading, showLoading, showToast } from './ui.js';

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
    showLoading,
    hideLoading,
    getSystemInfo,
    getSystemInfoSync,
    ...storage,
    ...navigationApis(router),
  } satisfies Partial<Record<keyof typeof my, unknown>>;
  const supported = new Set([...Object.keys(impl), 'canIUse']);
  impl.canIUse = makeCanIUse(() => supported);
  return new Proxy(impl, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop in target || prop === 'then' || prop === 'toJSON')
        return target[prop as string];
      target[prop] = notSupported(prop);
      return target[prop];
    },
  });
}
