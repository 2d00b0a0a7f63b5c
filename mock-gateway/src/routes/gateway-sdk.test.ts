import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk, type AlipaySdkConfig } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEMO_USER } from '../model/users.js';
import { rawMember } from '../protocol/json-scan.js';
import { rsaVerify } from '../protocol/rsa.js';
import { type RunningGateway, startGateway } from '../server.js';
import { otherRsaPair } from '../test-support/rsa-pairs.js';

/**
 * `/gateway.do` driven by the official Node SDK (alipay-sdk 4) over a real socket: what a team's backend does in its
 * login step. The SDK signs the request (common params in the query, the rest in the form body) and, with
 * `validateSign: true`, verifies the gateway's signature over the raw response member.
 */

let gw: RunningGateway;
let keysDir: string;
let appId: string;
let n = 0;
const fresh = () => `sdk-${++n}`;

beforeAll(async () => {
  gw = await startGateway({ seed: 11 });
  keysDir = gatewayModel(gw.app).keys.dir;
  appId = gatewayModel(gw.app).keys.appId;
});
afterAll(async () => {
  await gw.close();
});

// biome-ignore lint/suspicious/noExplicitAny: test convenience, answers are checked field by field
async function post(path: string, body: unknown, session?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(gw.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-alimock-session': session } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function authCode(session: string, body: Record<string, unknown> = {}): Promise<string> {
  const a = await post('/jsapi/getAuthCode', { scopes: ['auth_base'], ...body }, session);
  expect(a.status).toBe(200);
  return a.json.authCode as string;
}

const file = (name: string) => readFileSync(join(keysDir, name), 'ascii');

function keySdk(extra: Partial<AlipaySdkConfig> = {}): AlipaySdk {
  return new AlipaySdk({
    appId,
    privateKey: file('app-private.pem'),
    keyType: 'PKCS8',
    alipayPublicKey: file('alipay-public.txt'),
    gateway: `${gw.url}/gateway.do`,
    ...extra,
  });
}

function certSdk(): AlipaySdk {
  return new AlipaySdk({
    appId,
    privateKey: file('app-private.pem'),
    keyType: 'PKCS8',
    appCertPath: join(keysDir, 'certs/appCertPublicKey.crt'),
    alipayPublicCertPath: join(keysDir, 'certs/alipayCertPublicKey_RSA2.crt'),
    alipayRootCertPath: join(keysDir, 'certs/alipayRootCert.crt'),
    gateway: `${gw.url}/gateway.do`,
  });
}

const exchange = (sdk: AlipaySdk, code: string, validateSign = true) =>
  sdk.exec('alipay.system.oauth.token', { grant_type: 'authorization_code', code }, { validateSign });

describe('alipay.system.oauth.token through alipay-sdk', () => {
  it('key mode: a code from /jsapi/getAuthCode becomes the member’s ids and tokens; the answer verifies', async () => {
    const s = fresh();
    const result = await exchange(keySdk(), await authCode(s));
    expect(result.userId).toBe(DEMO_USER.userId);
    expect(result.openId).toBe(DEMO_USER.openId);
    expect(result.accessToken).toMatch(/^authbseB[0-9a-f]{32}$/);
    expect(result.refreshToken).toMatch(/^authbseB[0-9a-f]{32}$/);
    expect(result.refreshToken).not.toBe(result.accessToken);
    expect(result.expiresIn).toBe(1296000);
    expect(result.reExpiresIn).toBe(2592000);
    expect(result.authStart).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(result.code).toBeUndefined();
  });

  it('accepts camelCase params (the SDK snake-cases them) and answers auth_user tokens for auth_user codes', async () => {
    const s = fresh();
    const code = await authCode(s, { scopes: ['auth_user'] });
    const result = await keySdk().exec(
      'alipay.system.oauth.token',
      { grantType: 'authorization_code', code },
      { validateSign: true },
    );
    expect(result.accessToken).toMatch(/^authusrB/);
  });

  it('certificate mode: SNs from keys/certs/ are accepted and the answer verifies with the Alipay certificate’s key', async () => {
    const s = fresh();
    const sdk = certSdk();
    const result = await exchange(sdk, await authCode(s));
    expect(result.userId).toBe(DEMO_USER.userId);
    expect(sdk.config.alipayCertSn).toBe(gatewayModel(gw.app).keys.certs?.alipayCertSn);
  });

  it('the member the code was issued for (a session’s own member)', async () => {
    const s = fresh();
    const user = await post('/__admin/users', {}, s);
    expect(user.status).toBe(201);
    const member = user.json.users[0];
    const result = await exchange(keySdk(), await authCode(s, { userId: member.userId }));
    expect({ userId: result.userId, openId: result.openId }).toEqual({ userId: member.userId, openId: member.openId });
    expect(member.userId).not.toBe(DEMO_USER.userId);
  });

  it('a code is single use: the second exchange gets isv.code-invalid', async () => {
    const code = await authCode(fresh());
    const sdk = keySdk();
    expect((await exchange(sdk, code)).userId).toBe(DEMO_USER.userId);
    const again = await exchange(sdk, code, false);
    expect(again).toMatchObject({
      code: '40002',
      msg: 'Invalid Arguments',
      subCode: 'isv.code-invalid',
      subMsg: '授权码code无效',
    });
  });

  it('an expired code (session clock advanced past 5 minutes) gets isv.code-invalid; other sessions are unaffected', async () => {
    const s = fresh();
    const other = fresh();
    const code = await authCode(s);
    const otherCode = await authCode(other);
    expect((await post('/__admin/clock', { advanceMs: 5 * 60_000 + 1 }, s)).status).toBe(200);
    expect(await exchange(keySdk(), code, false)).toMatchObject({ subCode: 'isv.code-invalid' });
    expect((await exchange(keySdk(), otherCode)).userId).toBe(DEMO_USER.userId);
  });

  it('a request signed with another private key gets isv.invalid-signature with the gateway’s sign string', async () => {
    const code = await authCode(fresh());
    const other = otherRsaPair().privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const result = await exchange(keySdk({ privateKey: other as string }), code, false);
    expect(result).toMatchObject({ code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-signature' });
    expect(result.subMsg).toMatch(
      /^验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：/,
    );
    expect(result.subMsg).toContain(
      `app_id=${appId}&amp;charset=utf-8&amp;code=${code}&amp;grant_type=authorization_code`,
    );
    // the code was not burnt by the refused call
    expect((await exchange(keySdk(), code)).userId).toBe(DEMO_USER.userId);
  });

  it('refresh_token grant: rotates tokens, keeps the member; a used or bogus refresh token is invalid', async () => {
    const s = fresh();
    const sdk = keySdk();
    const first = await exchange(sdk, await authCode(s));
    const second = await sdk.exec(
      'alipay.system.oauth.token',
      { grantType: 'refresh_token', refreshToken: first.refreshToken },
      { validateSign: true },
    );
    expect(second.userId).toBe(DEMO_USER.userId);
    expect(second.openId).toBe(DEMO_USER.openId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const reused = await sdk.exec('alipay.system.oauth.token', {
      grantType: 'refresh_token',
      refreshToken: first.refreshToken,
    });
    expect(reused).toMatchObject({
      code: '40002',
      subCode: 'isv.refresh-token-invalid',
      subMsg: '刷新令牌refresh_token无效',
    });
    const bogus = await sdk.exec('alipay.system.oauth.token', {
      grantType: 'refresh_token',
      refreshToken: 'authbseB0000',
    });
    expect(bogus).toMatchObject({ subCode: 'isv.refresh-token-invalid' });
    const third = await sdk.exec(
      'alipay.system.oauth.token',
      { grantType: 'refresh_token', refreshToken: second.refreshToken },
      { validateSign: true },
    );
    expect(third.userId).toBe(DEMO_USER.userId);
  });

  it('validateSign really checks: a tamper rule signing with a foreign key makes the SDK throw', async () => {
    const s = fresh();
    const code = await authCode(s);
    const rule = await post(
      '/__admin/rules',
      { action: { kind: 'tamper', tampering: 'foreign-key-sign' }, scope: { api: 'gateway' }, times: 1 },
      s,
    );
    expect(rule.status).toBe(201);
    await expect(exchange(keySdk(), code)).rejects.toThrow(/验签失败/);
  });

  it('error answers are signed over error_response (alipay-sdk’s own validateSign cannot check them: a known SDK limit)', async () => {
    const sdk = keySdk();
    // the SDK looks for "<method>_response" when cutting the signed text, so it fails on every error_response
    await expect(exchange(sdk, 'no-such-code', true)).rejects.toThrow(/验签失败/);
    const res = await fetch(`${gw.url}/gateway.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ method: 'alipay.system.oauth.token' }).toString(),
    });
    const text = await res.text();
    const member = rawMember(text, 'error_response');
    const sign = JSON.parse(text).sign as string;
    expect(member && rsaVerify(member.text, sign, gatewayModel(gw.app).keys.alipayPublicKey, 'RSA2')).toBe(true);
  });
});
