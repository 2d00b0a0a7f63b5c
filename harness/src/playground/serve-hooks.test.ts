/**
 * What serve hands the gateway: the page's requests built by the contract (the login the page got is carried by its
 * phone request), the verdict of each answer by the contract's readers (the rule of run/verdict.ts), and the doctor.
 */
import { describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import type { BridgeExchange } from '../../../mock-gateway/src/playground/hooks.js';
import { buildEnvelope } from '../../../mock-gateway/src/protocol/index.js';
import { diagnose } from '../doctor/diagnose.js';
import { renderReport } from '../doctor/render-report.js';
import { type Contract, defaultContract } from '../target/contract.js';
import { createServeHooks } from './serve-hooks.js';

const TARGET = 'http://127.0.0.1:4000';

const exchange = (over: Partial<BridgeExchange>): BridgeExchange => ({
  session: 's1',
  method: 'POST',
  url: `${TARGET}/api/alipay/phone`,
  headers: {},
  body: '',
  carriesEnvelope: true,
  ...over,
});

/** A team's contract: a login that returns a token, a phone request that needs it, errors as HTTP 200 { code }. */
const team: Contract = {
  ...defaultContract,
  buildLoginRequest: (authCode) => ({
    path: '/auth',
    body: JSON.stringify({ code: authCode }),
    contentType: 'application/json',
  }),
  readLogin: (body) => {
    const b = body as { uid?: string; token?: string } | undefined;
    return b?.uid ? { userId: b.uid, ...(b.token ? { token: b.token } : {}) } : undefined;
  },
  buildPhoneRequest: (encryptedData, { login }) => ({
    method: 'PUT',
    path: '/phone',
    headers: login?.token ? { authorization: `Bearer ${login.token}` } : ({} as Record<string, string>),
    body: new URLSearchParams({ payload: encryptedData }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  }),
  readErrorCode: (body) => {
    const code = (body as { code?: unknown } | undefined)?.code;
    return code !== undefined && code !== 0 ? String(code) : undefined;
  },
  readMobile: (body) => (body as { data?: { mobile?: string } } | undefined)?.data?.mobile,
};

describe('createServeHooks', () => {
  it("judges the phone request's answer as a scenario would (default contract)", () => {
    const { judge } = createServeHooks({ contract: defaultContract, targetUrl: () => TARGET });
    expect(judge(exchange({ response: { status: 200, body: '{"mobile":"13800138000"}' } }))).toEqual({
      role: 'phone',
      verdict: { kind: 'accepted', mobile: '13800138000' },
    });
    expect(
      judge(
        exchange({ response: { status: 400, body: '{"error":{"code":"SIGNATURE_MISSING","message":"no sign"}}' } }),
      ),
    ).toEqual({ role: 'phone', verdict: { kind: 'rejected', code: 'SIGNATURE_MISSING', message: 'no sign' } });
    expect(judge(exchange({ response: { status: 500, body: 'oops' } })).verdict?.kind).toBe('crashed');
    expect(judge(exchange({ error: 'connect ECONNREFUSED' })).verdict).toEqual({
      kind: 'crashed',
      reason: 'connect ECONNREFUSED',
    });
    expect(judge(exchange({ carriesEnvelope: false, response: { status: 200, body: '{}' } }))).toEqual({
      role: 'other',
    });
    // a page that builds its own login request: recognised by the contract's login path
    expect(
      judge(
        exchange({ url: `${TARGET}/api/alipay/login`, carriesEnvelope: false, response: { status: 200, body: '{}' } }),
      ),
    ).toEqual({ role: 'login' });
  });

  it("a team's contract: the page's login is read from its answer and carried by that page's phone request", async () => {
    const hooks = createServeHooks({ contract: team, targetUrl: () => TARGET });
    const login = await hooks.pageRequests.login('code-1', 's1');
    expect(login).toEqual({
      url: `${TARGET}/auth`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      data: '{"code":"code-1"}',
    });
    const before = await hooks.pageRequests.phone('{"response":"x"}', 's1');
    expect(before).toMatchObject({ method: 'PUT', url: `${TARGET}/phone` });
    expect((before as { headers: Record<string, string> }).headers.authorization).toBeUndefined();
    expect(
      hooks.judge(
        exchange({
          url: `${TARGET}/auth`,
          carriesEnvelope: false,
          response: { status: 200, body: '{"uid":"2088000000000001","token":"t-1"}' },
        }),
      ),
    ).toEqual({ role: 'login' });
    const after = await hooks.pageRequests.phone('{"response":"x"}', 's1');
    expect((after as { headers: Record<string, string> }).headers.authorization).toBe('Bearer t-1');
    // another session's page has not logged in
    const elsewhere = await hooks.pageRequests.phone('{"response":"x"}', 's2');
    expect((elsewhere as { headers: Record<string, string> }).headers.authorization).toBeUndefined();
    // errors in 2xx bodies, by the contract's readers
    expect(hooks.judge(exchange({ response: { status: 200, body: '{"code":"LOGIN_REQUIRED"}' } })).verdict).toEqual({
      kind: 'rejected',
      code: 'LOGIN_REQUIRED',
    });
    expect(hooks.mapsLogin).toBe(true);
  });

  it('says what to do without a backend, and when the contract cannot build the request', async () => {
    let target: string | undefined;
    const hooks = createServeHooks({
      contract: { ...defaultContract, buildPhoneRequest: () => ({ body: 1 }) as never },
      targetUrl: () => target,
    });
    expect(await hooks.pageRequests.phone('x', 's')).toEqual({
      error: expect.stringMatching(/--target URL or --config/),
    });
    target = TARGET;
    expect(await hooks.pageRequests.phone('x', 's')).toEqual({
      error: expect.stringMatching(/^contract\.buildPhoneRequest returned a body that is number/),
    });
    expect(hooks.mapsLogin).toBe(false);
  });

  it("inspects a payload with the doctor: the keys it is given, the findings and a correct backend's answer, the mobile masked", async () => {
    const keys = resolveKeys(undefined);
    const { inspect } = createServeHooks({ contract: defaultContract, targetUrl: () => undefined });
    const envelope = buildEnvelope(
      {
        plaintext: '{"code":"10000","msg":"Success","mobile":"13800138000"}',
        encrypt: true,
        sign: true,
        form: 'long',
        signType: 'RSA2',
      },
      { alipayPrivateKey: keys.alipayPrivateKey, aesKey: keys.aesKey },
    );
    const inspected = {
      alipayPublicKey: keys.alipayPublicKeyBase64,
      aesKey: keys.aesKey,
      appPublicKey: keys.appPublicKeyBase64,
    };
    const fine = await inspect(envelope, inspected);
    expect(fine).toMatchObject({ ok: true, problems: [] });
    // the member's mobile is masked, as the doctor's report masks it: nowhere in clear
    expect(fine.plaintext).toBe('{"code":"10000","msg":"Success","mobile":"138****8000"}');
    expect(fine.answer).toBe('200 {"mobile":"138****8000"}');
    expect(JSON.stringify(fine)).not.toContain('13800138000');
    const report = renderReport(diagnose(envelope, inspected), { color: false });
    expect(report).toContain(`plaintext: ${fine.plaintext}\n`);
    expect(report).toContain(`a correct backend answers: ${fine.answer}\n`);
    const unsigned = await inspect(JSON.stringify({ response: JSON.parse(envelope).response }), inspected);
    expect(unsigned.ok).toBe(false);
    expect(unsigned.problems).toContain('missing-sign');
    expect(unsigned.steps.find((s) => s.finding === 'missing-sign')?.fix).toBeDefined();
    expect(unsigned.answer).toMatch(/^400 \{"error":\{"code":"SIGNATURE_MISSING",…\}\}/);
  });
});
