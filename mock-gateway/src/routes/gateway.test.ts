import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import type { KeyMaterial } from '../keys/key-material.js';
import { DEMO_USER } from '../model/users.js';
import { rawMember } from '../protocol/json-scan.js';
import { openApiSignContent } from '../protocol/openapi-sign.js';
import { rsaSign, rsaVerify, type SignType } from '../protocol/rsa.js';
import { type Answer, call, expectStatus, type TestClock, testGateway } from '../test-support/gateway-client.js';

/** `/gateway.do` over `app.inject`, with hand-built requests: every refusal, certificate mode, sessions, fault rules. */

let app: FastifyInstance;
let clock: TestClock;
let keys: KeyMaterial;
let n = 0;
const fresh = () => `gw-${++n}`;
const OAUTH = 'alipay.system.oauth.token';
const TOKEN_KEY = 'alipay_system_oauth_token_response';

beforeAll(async () => {
  ({ app, clock } = await testGateway());
  keys = gatewayModel(app).keys;
});
afterAll(async () => {
  await app.close();
});

type Params = Record<string, string>;

/** Common params + `extra`, signed with the app key (or `key`) over the gateway's sign content. */
function signed(extra: Params, signType: SignType = 'RSA2', key = keys.appPrivateKey): Params {
  const all: Params = {
    app_id: keys.appId,
    method: OAUTH,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: signType,
    timestamp: '2026-01-01 08:00:00',
    version: '1.0',
    ...extra,
  };
  return { ...all, sign: rsaSign(openApiSignContent(all), key, signType) };
}

function send(where: { query?: Params; body?: Params; session?: string }): Promise<Answer> {
  const qs = where.query ? `?${new URLSearchParams(where.query)}` : '';
  const headers: Record<string, string> = where.session ? { 'x-alimock-session': where.session } : {};
  if (where.body) headers['content-type'] = 'application/x-www-form-urlencoded';
  return call(app, 'POST', `/gateway.do${qs}`, where.body ? new URLSearchParams(where.body).toString() : undefined, {
    headers,
  });
}

/** As alipay-sdk sends it: common params in the query, the rest in the form body. */
function sdkStyle(params: Params, session?: string): Promise<Answer> {
  const common = [
    'app_id',
    'method',
    'format',
    'charset',
    'sign_type',
    'sign',
    'timestamp',
    'version',
    'app_cert_sn',
    'alipay_root_cert_sn',
  ];
  const query: Params = {};
  const body: Params = {};
  for (const [k, v] of Object.entries(params)) (common.includes(k) ? query : body)[k] = v;
  return send({ query, body, ...(session ? { session } : {}) });
}

async function authCode(session: string, extra: Record<string, unknown> = {}): Promise<string> {
  const a = expectStatus(
    await call(
      app,
      'POST',
      '/jsapi/getAuthCode',
      { scopes: 'auth_base', ...extra },
      { headers: { 'x-alimock-session': session } },
    ),
    200,
  );
  return a.json.authCode;
}

const admin = (session: string, method: 'POST' | 'GET', url: string, body?: unknown) =>
  call(app, method, url, body ?? (method === 'POST' ? {} : undefined), { headers: { 'x-alimock-session': session } });

/** Asserts the answer's `sign` verifies over the raw text of `member`, and returns that text. */
function expectSigned(a: Answer, member: string, signType: SignType = 'RSA2'): string {
  const raw = rawMember(a.text, member);
  if (!raw) throw new Error(`no ${member} in ${a.text}`);
  expect(rsaVerify(raw.text, a.json.sign, keys.alipayPublicKey, signType)).toBe(true);
  return raw.text;
}

function expectError(a: Answer, code: string, subCode: string, subMsg?: string): void {
  expect(a.status).toBe(200);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(a.json)).toEqual(['error_response', 'sign']);
  expect(a.json.error_response.code).toBe(code);
  expect(a.json.error_response.sub_code).toBe(subCode);
  if (subMsg !== undefined) expect(a.json.error_response.sub_msg).toBe(subMsg);
  expectSigned(a, 'error_response');
}

describe('where parameters come from', () => {
  it('form body only: success with the exact response text, signed over the raw member', async () => {
    const code = await authCode(fresh());
    const a = await send({ body: signed({ grant_type: 'authorization_code', code }) });
    expect(a.status).toBe(200);
    const member = expectSigned(a, TOKEN_KEY);
    const t = a.json[TOKEN_KEY];
    expect(member).toBe(
      `{"access_token":"${t.access_token}","expires_in":1296000,"re_expires_in":2592000,"refresh_token":"${t.refresh_token}",` +
        `"user_id":"${DEMO_USER.userId}","open_id":"${DEMO_USER.openId}","auth_start":"2026-01-01 08:00:00"}`,
    );
    expect(a.text).toBe(`{"${TOKEN_KEY}":${member},"sign":"${a.json.sign}"}`);
  });

  it('query string only, and split like the SDK: both succeed', async () => {
    const s = fresh();
    const q = await send({ query: signed({ grant_type: 'authorization_code', code: await authCode(s) }) });
    expect(q.json[TOKEN_KEY].user_id).toBe(DEMO_USER.userId);
    const split = await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s) }));
    expect(split.json[TOKEN_KEY].user_id).toBe(DEMO_USER.userId);
  });

  it('a name in both query and body keeps its query value (the body one is neither used nor signed)', async () => {
    const s = fresh();
    const good = await authCode(s);
    const params = signed({ grant_type: 'authorization_code', code: good });
    const a = await send({ query: params, body: { code: 'other' } });
    expect(a.json[TOKEN_KEY].user_id).toBe(DEMO_USER.userId);
  });

  it('sign_type RSA: the request is checked with SHA1withRSA and the answer signed the same way', async () => {
    const a = await sdkStyle(
      signed({ grant_type: 'authorization_code', code: await authCode(fresh()) }, 'RSA'),
      undefined,
    );
    expectSigned(a, TOKEN_KEY, 'RSA');
    const raw = rawMember(a.text, TOKEN_KEY)?.text ?? '';
    expect(rsaVerify(raw, a.json.sign, keys.alipayPublicKey, 'RSA2')).toBe(false);
  });
});

describe('refusals (HTTP 200, error_response, signed)', () => {
  const missing: Array<[string, string]> = [
    ['app_id', 'isv.missing-app-id'],
    ['method', 'isv.missing-method'],
    ['sign_type', 'isv.missing-signature-type'],
    ['sign', 'isv.missing-signature'],
    ['timestamp', 'isv.missing-timestamp'],
    ['version', 'isv.missing-version'],
  ];
  it.each(missing)('without %s → 40001 %s', async (name, subCode) => {
    const params = signed({ grant_type: 'authorization_code', code: 'x' });
    delete params[name];
    const a = await sdkStyle(params);
    expectError(a, '40001', subCode);
    expect(a.json.error_response.msg).toBe('Missing Required Arguments');
  });

  it('an empty value counts as missing', async () => {
    expectError(
      await sdkStyle({ ...signed({ grant_type: 'authorization_code', code: 'x' }), sign: '' }),
      '40001',
      'isv.missing-signature',
      '缺少签名参数',
    );
  });

  it('malformed common params → 40002 (format, sign_type, timestamp)', async () => {
    const base = { grant_type: 'authorization_code', code: 'x' };
    expectError(await sdkStyle(signed({ ...base, format: 'XML' })), '40002', 'isv.invalid-format');
    expectError(
      await sdkStyle({ ...signed(base), sign_type: 'MD5' }),
      '40002',
      'isv.invalid-signature-type',
      '无效的签名类型',
    );
    expectError(
      await sdkStyle(signed({ ...base, timestamp: '2026/01/01 08:00:00' })),
      '40002',
      'isv.invalid-timestamp',
    );
  });

  it('unknown app_id → 40002 isv.invalid-app-id 无效的AppID参数', async () => {
    const a = await sdkStyle(signed({ app_id: '2021999999999999', grant_type: 'authorization_code', code: 'x' }));
    expectError(a, '40002', 'isv.invalid-app-id', '无效的AppID参数');
    expect(a.json.error_response.msg).toBe('Invalid Arguments');
  });

  it('bad signature → isv.invalid-signature, the sign string HTML-escaped, `/` written as `\\/` and signed raw', async () => {
    const params = signed({ grant_type: 'authorization_code', code: 'a/b"c' });
    const a = await sdkStyle({ ...params, timestamp: '2026-01-01 08:00:01' });
    expectError(a, '40002', 'isv.invalid-signature');
    const member = expectSigned(a, 'error_response');
    expect(member).toContain('code=a\\/b&quot;c&amp;format=JSON');
    expect(a.json.error_response.sub_msg).toContain('timestamp=2026-01-01 08:00:01');
    // re-serialised JSON (no `\/`) is not what was signed
    expect(rsaVerify(JSON.stringify(a.json.error_response), a.json.sign, keys.alipayPublicKey)).toBe(false);
  });

  it('a request signed with another key → isv.invalid-signature', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expectError(
      await sdkStyle(signed({ grant_type: 'authorization_code', code: 'x' }, 'RSA2', other)),
      '40002',
      'isv.invalid-signature',
    );
  });

  it('unknown method (signed) → 40002 isv.invalid-method 不存在的方法名', async () => {
    expectError(
      await sdkStyle(signed({ method: 'alipay.user.info.share' })),
      '40002',
      'isv.invalid-method',
      '不存在的方法名',
    );
  });

  it('grant_type missing or unknown → isv.grant-type-invalid; code / refresh_token missing → invalid', async () => {
    expectError(await sdkStyle(signed({ code: 'x' })), '40002', 'isv.grant-type-invalid', 'grant_type参数不正确');
    expectError(await sdkStyle(signed({ grant_type: 'password', code: 'x' })), '40002', 'isv.grant-type-invalid');
    expectError(
      await sdkStyle(signed({ grant_type: 'authorization_code' })),
      '40002',
      'isv.code-invalid',
      '授权码code无效',
    );
    expectError(await sdkStyle(signed({ grant_type: 'refresh_token' })), '40002', 'isv.refresh-token-invalid');
  });

  it('a refusal before the exchange does not burn the code', async () => {
    const code = await authCode(fresh());
    expectError(
      await sdkStyle({ ...signed({ grant_type: 'authorization_code', code }), version: '' }),
      '40001',
      'isv.missing-version',
    );
    expect((await sdkStyle(signed({ grant_type: 'authorization_code', code }))).json[TOKEN_KEY].user_id).toBe(
      DEMO_USER.userId,
    );
  });
});

describe('codes and tokens', () => {
  it('single use, expiring on the session clock (5 minutes), bound to the app they were issued for', async () => {
    const s = fresh();
    const code = await authCode(s);
    expect((await sdkStyle(signed({ grant_type: 'authorization_code', code }))).json[TOKEN_KEY]).toBeDefined();
    expectError(await sdkStyle(signed({ grant_type: 'authorization_code', code })), '40002', 'isv.code-invalid');

    const late = await authCode(s);
    clock.advance(5 * 60_000);
    expectError(await sdkStyle(signed({ grant_type: 'authorization_code', code: late })), '40002', 'isv.code-invalid');

    const appB = '2021000000000777';
    expectStatus(await admin(s, 'POST', '/__admin/apps', { appId: appB }), 201);
    const forB = await authCode(s, { appId: appB });
    expectError(await sdkStyle(signed({ grant_type: 'authorization_code', code: forB })), '40002', 'isv.code-invalid');
    // the app that exists only in session s is found through the code's session
    const b = await sdkStyle(signed({ app_id: appB, grant_type: 'authorization_code', code: forB }));
    expect(b.json[TOKEN_KEY].user_id).toBe(DEMO_USER.userId);
  });

  it('a session header must name the code’s session; a mismatch neither succeeds nor burns the code', async () => {
    const s = fresh();
    const code = await authCode(s);
    expectError(
      await sdkStyle(signed({ grant_type: 'authorization_code', code }), fresh()),
      '40002',
      'isv.code-invalid',
    );
    expect((await sdkStyle(signed({ grant_type: 'authorization_code', code }), s)).json[TOKEN_KEY]).toBeDefined();
  });

  it('refresh tokens: rotate, expire after 30 days on the session clock, die with a session reset', async () => {
    const s = fresh();
    const first = (await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s) }))).json[
      TOKEN_KEY
    ];
    const second = (await sdkStyle(signed({ grant_type: 'refresh_token', refresh_token: first.refresh_token }))).json[
      TOKEN_KEY
    ];
    expect(second.user_id).toBe(DEMO_USER.userId);
    expectStatus(await admin(s, 'POST', '/__admin/clock', { advanceMs: 2_592_000_000 }), 200);
    expectError(
      await sdkStyle(signed({ grant_type: 'refresh_token', refresh_token: second.refresh_token })),
      '40002',
      'isv.refresh-token-time-out',
      '刷新令牌refresh_token过期',
    );

    const s2 = fresh();
    const t = (await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s2) }))).json[TOKEN_KEY];
    expectStatus(await call(app, 'POST', `/__admin/reset?session=${s2}`, {}), 200);
    expectError(
      await sdkStyle(signed({ grant_type: 'refresh_token', refresh_token: t.refresh_token })),
      '40002',
      'isv.refresh-token-invalid',
    );
  });

  it('auth_start is the session time in Beijing time', async () => {
    const s = fresh();
    expectStatus(await admin(s, 'POST', '/__admin/clock', { advanceMs: 3_600_000 }), 200);
    const now = Date.parse((await admin(s, 'GET', '/__admin/clock')).json.now);
    const t = (await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s) }))).json[TOKEN_KEY];
    expect(t.auth_start).toBe(new Date(now + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
  });
});

describe('certificate mode', () => {
  const certs = () => {
    if (!keys.certs) throw new Error('the committed keys/ has a certs/ chain');
    return keys.certs;
  };

  it('valid SNs: alipay_cert_sn sits between the response member and sign; the sign covers the member only', async () => {
    const c = certs();
    const params = signed({
      grant_type: 'authorization_code',
      code: await authCode(fresh()),
      app_cert_sn: c.appCertSn,
      alipay_root_cert_sn: c.rootCertSn,
    });
    const a = await sdkStyle(params);
    expect(Object.keys(a.json)).toEqual([TOKEN_KEY, 'alipay_cert_sn', 'sign']);
    expect(a.json.alipay_cert_sn).toBe(c.alipayCertSn);
    const member = expectSigned(a, TOKEN_KEY);
    expect(a.text).toBe(`{"${TOKEN_KEY}":${member},"alipay_cert_sn":"${c.alipayCertSn}","sign":"${a.json.sign}"}`);
  });

  it('errors in certificate mode carry alipay_cert_sn too', async () => {
    const c = certs();
    const a = await sdkStyle(
      signed({
        grant_type: 'authorization_code',
        code: 'nope',
        app_cert_sn: c.appCertSn,
        alipay_root_cert_sn: c.rootCertSn,
      }),
    );
    expect(Object.keys(a.json)).toEqual(['error_response', 'alipay_cert_sn', 'sign']);
    expect(a.json.error_response.sub_code).toBe('isv.code-invalid');
  });

  it('SN mismatch: app → isv.app-cert-not-exist, root → isv.invalid-alipay-root-cert-sn (no alipay_cert_sn)', async () => {
    const c = certs();
    const code = await authCode(fresh());
    const app1 = await sdkStyle(
      signed({
        grant_type: 'authorization_code',
        code,
        app_cert_sn: '0'.repeat(32),
        alipay_root_cert_sn: c.rootCertSn,
      }),
    );
    expectError(app1, '40002', 'isv.app-cert-not-exist', '应用公钥证书不存在');
    const root = await sdkStyle(
      signed({ grant_type: 'authorization_code', code, app_cert_sn: c.appCertSn, alipay_root_cert_sn: 'abc' }),
    );
    expectError(root, '40002', 'isv.invalid-alipay-root-cert-sn', '无效支付宝根证书序列号');
    const rootMissing = await sdkStyle(signed({ grant_type: 'authorization_code', code, app_cert_sn: c.appCertSn }));
    expectError(rootMissing, '40002', 'isv.invalid-alipay-root-cert-sn');
  });
});

describe('fault rules (api gateway) in the code’s session, and the journal', () => {
  it('outcome 20000 → error_response 20000 aop.unknow-error 系统繁忙; the code survives; other sessions unaffected', async () => {
    const s = fresh();
    const other = fresh();
    expectStatus(
      await admin(s, 'POST', '/__admin/rules', {
        action: { kind: 'outcome', outcome: '20000' },
        scope: { api: 'gateway' },
        times: 1,
      }),
      201,
    );
    const code = await authCode(s);
    const otherCode = await authCode(other);
    expect(
      (await sdkStyle(signed({ grant_type: 'authorization_code', code: otherCode }))).json[TOKEN_KEY],
    ).toBeDefined();
    const busy = await sdkStyle(signed({ grant_type: 'authorization_code', code }));
    expectError(busy, '20000', 'aop.unknow-error', '系统繁忙');
    expect(busy.json.error_response.msg).toBe('Service Currently Unavailable');
    expect((await sdkStyle(signed({ grant_type: 'authorization_code', code }))).json[TOKEN_KEY].user_id).toBe(
      DEMO_USER.userId,
    );

    const journal = (await admin(s, 'GET', `/__admin/journal?session=${s}&api=gateway`)).json.entries;
    expect(journal.map((e: { outcome: string }) => e.outcome)).toEqual(['aop.unknow-error', 'success']);
    expect(journal[1]).toMatchObject({
      api: 'gateway',
      session: s,
      appId: keys.appId,
      userId: DEMO_USER.userId,
      status: 200,
    });
    expect(journal[0].rules).toHaveLength(1);
  });

  it('other outcomes become error_response with their catalogue entry, `\\/` escaped and signed raw (40006)', async () => {
    const s = fresh();
    expectStatus(
      await admin(s, 'POST', '/__admin/rules', {
        action: { kind: 'outcome', outcome: '40006' },
        scope: { api: 'gateway' },
      }),
      201,
    );
    const a = await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s) }));
    expectError(a, '40006', 'isv.insufficient-isv-permissions');
    expect(expectSigned(a, 'error_response')).toContain('https:\\/\\/docs.open.alipay.com\\/common\\/isverror');
  });

  it('status and latency rules', async () => {
    const s = fresh();
    expectStatus(
      await admin(s, 'POST', '/__admin/rules', {
        action: { kind: 'status', status: 502 },
        scope: { api: 'gateway' },
        times: 1,
      }),
      201,
    );
    expectStatus(
      await admin(s, 'POST', '/__admin/rules', {
        action: { kind: 'latency', ms: 150 },
        scope: { api: 'gateway' },
        times: 1,
      }),
      201,
    );
    const code = await authCode(s);
    const started = performance.now();
    const a = await sdkStyle(signed({ grant_type: 'authorization_code', code }));
    expect(a.status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await sdkStyle(signed({ grant_type: 'authorization_code', code }))).status).toBe(200);
  });

  it('tamper strip-sign: the answer has no sign', async () => {
    const s = fresh();
    expectStatus(
      await admin(s, 'POST', '/__admin/rules', {
        action: { kind: 'tamper', tampering: 'strip-sign' },
        scope: { api: 'gateway' },
        times: 1,
      }),
      201,
    );
    const a = await sdkStyle(signed({ grant_type: 'authorization_code', code: await authCode(s) }));
    expect(Object.keys(a.json)).toEqual([TOKEN_KEY]);
  });
});
