/** my.getPhoneNumber, my.getAuthCode, my.getSetting: answered by the gateway's JSAPI routes. */
import { type BridgeResult, jsapi } from '../bridge.js';
import { identity } from '../config.js';
import { api, SYSTEM_ERROR } from './api.js';

const systemError = (res: BridgeResult) => (res.ok ? { ...SYSTEM_ERROR, status: res.status } : { ...SYSTEM_ERROR });
const bodyOf = (res: BridgeResult) =>
  res.ok && res.body && typeof res.body === 'object' ? (res.body as Record<string, unknown>) : undefined;

export const getPhoneNumber = api('getPhoneNumber', async () => {
  const res = await jsapi('getPhoneNumber', identity());
  const body = bodyOf(res);
  if (res.ok && res.status === 200 && body && 'response' in body)
    return { ok: true, result: { response: body.response } };
  return { ok: false, error: systemError(res) };
});

export const getAuthCode = api('getAuthCode', async (opts) => {
  const res = await jsapi('getAuthCode', { scopes: opts.scopes ?? 'auth_base', ...identity() });
  const body = bodyOf(res);
  if (res.ok && res.status === 200 && typeof body?.authCode === 'string') return { ok: true, result: { ...body } };
  const code = (body?.error as { code?: unknown } | undefined)?.code;
  if (res.ok && res.status >= 400 && res.status < 500 && code === 'USER_CANCELLED')
    return { ok: false, error: { error: 11, errorMessage: '用户取消授权' } };
  return { ok: false, error: systemError(res) };
});

export const getSetting = api('getSetting', async () => {
  const res = await jsapi('getSetting', identity());
  const body = bodyOf(res);
  if (res.ok && res.status === 200 && body)
    return { ok: true, result: { authSetting: { ...((body.authSetting as object | undefined) ?? {}) } } };
  return { ok: false, error: systemError(res) };
});
