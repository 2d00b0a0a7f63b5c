/**
 * The login step a real backend does before the phone step: exchange my.getAuthCode's code at Alipay's OpenAPI
 * gateway (`alipay.system.oauth.token`) for the member's user_id / open_id (docs/protocol.md). Written the careful
 * way: sign the request with the app private key, verify the answer's signature over the raw response text with the
 * Alipay public key, then read it. node:crypto and fetch only (no SDK), so the example stands alone.
 */
import { createPrivateKey, createSign, createVerify, type KeyObject } from 'node:crypto';
import { topLevelMembers } from './raw-json.js';

export interface LoginOptions {
  appId: string;
  /** the app's private key (PKCS#8 or PKCS#1 PEM, or a KeyObject) */
  appPrivateKey: string | KeyObject;
  /** Alipay's OpenAPI gateway, e.g. https://openapi.alipay.com/gateway.do (or the mock's /gateway.do) */
  gatewayUrl: string;
  timeoutMs?: number;
}

export type LoginResult =
  | { ok: true; userId: string; openId?: string }
  | {
      ok: false;
      code: 'AUTH_CODE_INVALID' | 'ALIPAY_BUSY' | 'ALIPAY_MISCONFIGURED' | 'SIGNATURE_INVALID';
      reason: string;
    };

const METHOD = 'alipay.system.oauth.token';
const RESPONSE_KEY = 'alipay_system_oauth_token_response';

/** "yyyy-MM-dd HH:mm:ss" in Beijing time, as the gateway expects. */
function timestamp(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** All params but sign with a non-empty value, sorted by key, `k=v` joined by `&`, raw. */
function signContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export async function exchangeAuthCode(
  code: string,
  alipayPublicKey: KeyObject,
  options: LoginOptions,
): Promise<LoginResult> {
  const key =
    typeof options.appPrivateKey === 'string' ? createPrivateKey(options.appPrivateKey) : options.appPrivateKey;
  const params: Record<string, string> = {
    app_id: options.appId,
    method: METHOD,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: timestamp(),
    version: '1.0',
    grant_type: 'authorization_code',
    code,
  };
  params.sign = createSign('RSA-SHA256').update(signContent(params), 'utf8').sign(key, 'base64');
  let text: string;
  try {
    const res = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    text = await res.text();
    if (res.status >= 500) return { ok: false, code: 'ALIPAY_BUSY', reason: `the gateway answered HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, code: 'ALIPAY_BUSY', reason: `the gateway did not answer (${(e as Error).name})` };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, code: 'ALIPAY_MISCONFIGURED', reason: 'the gateway answer is not JSON' };
  }
  const members = topLevelMembers(text) ?? [];
  const raw = members.find((m) => m.key === RESPONSE_KEY) ?? members.find((m) => m.key === 'error_response');
  const sign = parsed.sign;
  if (!raw || typeof sign !== 'string')
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'the gateway answer is not signed' };
  const signed = text.slice(raw.start, raw.end);
  if (!createVerify('RSA-SHA256').update(signed, 'utf8').verify(alipayPublicKey, sign, 'base64')) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: "the gateway answer's signature does not verify with the Alipay public key",
    };
  }
  const body = parsed[raw.key] as Record<string, unknown>;
  if (raw.key === 'error_response') {
    const sub = String(body.sub_code ?? '');
    if (sub === 'isv.code-invalid')
      return { ok: false, code: 'AUTH_CODE_INVALID', reason: 'the auth code is invalid, used or expired' };
    if (body.code === '20000') return { ok: false, code: 'ALIPAY_BUSY', reason: 'Alipay is busy (20000)' };
    return {
      ok: false,
      code: 'ALIPAY_MISCONFIGURED',
      reason: `the gateway refused the exchange (${sub || String(body.code)})`,
    };
  }
  if (typeof body.user_id !== 'string' && typeof body.open_id !== 'string') {
    return { ok: false, code: 'ALIPAY_MISCONFIGURED', reason: 'the token answer carries no user_id / open_id' };
  }
  return {
    ok: true,
    userId: typeof body.user_id === 'string' ? body.user_id : '',
    ...(typeof body.open_id === 'string' ? { openId: body.open_id } : {}),
  };
}
