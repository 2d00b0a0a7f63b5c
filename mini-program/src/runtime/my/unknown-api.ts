/**
 * What to say when a page calls a `my` API that Alipay does not have: usually code ported from WeChat, where the
 * same job has another name.
 */
import { ALIPAY_APIS } from './alipay-apis.js';

/** WeChat (wx.*) names a ported page keeps, and Alipay's API for the same job. */
const ALIPAY_NAME_FOR: Record<string, string> = {
  login: 'my.getAuthCode',
  getUserProfile: 'my.getOpenUserInfo',
  getUserInfo: 'my.getOpenUserInfo',
  requestPayment: 'my.tradePay',
};

/** A hint for "my.X is not a function" when X is not one of Alipay's APIs; undefined otherwise. */
export function unknownApiHint(message: string): string | undefined {
  const name = /\bmy\.(\w+) is not a function/.exec(message)?.[1];
  if (!name || ALIPAY_APIS.has(name)) return undefined;
  const instead = ALIPAY_NAME_FOR[name];
  return `my.${name} is not an Alipay API${instead ? `: use ${instead}` : ' (WeChat code? see opendocs.alipay.com/mini/api)'}`;
}
