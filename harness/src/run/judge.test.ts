import { describe, expect, it } from 'vitest';
import type { Expectation, HttpExchange, Verdict } from '../core/types.js';
import { type Contract, defaultContract } from '../target/contract.js';
import { describeVerdictShort, judge, verdictOf } from './judge.js';

const URL = 'http://127.0.0.1:4010/api/alipay/phone';
const MOBILE = '13800138000';

function answered(status: number, body: unknown): HttpExchange {
  return {
    request: { method: 'POST', url: URL, body: '{"encryptedData":"x"}' },
    response: { status, body: typeof body === 'string' ? body : JSON.stringify(body) },
    durationMs: 3,
  };
}

function unanswered(error?: string): HttpExchange {
  return { request: { method: 'POST', url: URL }, ...(error !== undefined ? { error } : {}), durationMs: 500 };
}

const errorBody = (code: string, message = 'because') => ({ error: { code, message } });

describe('verdictOf (docs/contract.md)', () => {
  it('no exchange at all → no-call', () => {
    expect(verdictOf(undefined, defaultContract)).toEqual({ kind: 'no-call' });
  });

  it('2xx with a mobile → accepted with that mobile (200 and 201 alike)', () => {
    expect(verdictOf(answered(200, { mobile: MOBILE }), defaultContract)).toEqual({ kind: 'accepted', mobile: MOBILE });
    expect(verdictOf(answered(201, { mobile: '13900139000', extra: 1 }), defaultContract)).toEqual({
      kind: 'accepted',
      mobile: '13900139000',
    });
  });

  it('2xx without a mobile (missing, not a string, not JSON) → accepted with an empty mobile', () => {
    for (const body of [{}, { mobile: 13800138000 }, { data: { mobile: MOBILE } }, 'ok', '']) {
      const v = verdictOf(answered(200, body), defaultContract);
      expect(v, JSON.stringify(body)).toEqual({ kind: 'accepted', mobile: '' });
      expect(describeVerdictShort(v)).toBe('accepted without a mobile');
    }
  });

  it("non-2xx with the contract's error body → rejected with its code and message, whatever the status", () => {
    expect(verdictOf(answered(403, errorBody('AUTH_REQUIRED', 'tap again')), defaultContract)).toEqual({
      kind: 'rejected',
      code: 'AUTH_REQUIRED',
      message: 'tap again',
    });
    expect(verdictOf(answered(400, errorBody('SIGNATURE_MISSING')), defaultContract)).toMatchObject({
      kind: 'rejected',
      code: 'SIGNATURE_MISSING',
    });
    // a 5xx WITH the error body is a clean rejection (503 ALIPAY_BUSY is the contract's own answer)
    expect(verdictOf(answered(503, errorBody('ALIPAY_BUSY')), defaultContract)).toMatchObject({
      kind: 'rejected',
      code: 'ALIPAY_BUSY',
    });
    expect(verdictOf(answered(502, errorBody('ISV_PERMISSION_DENIED')), defaultContract)).toMatchObject({
      kind: 'rejected',
      code: 'ISV_PERMISSION_DENIED',
    });
  });

  it('a rejection whose message is not a string keeps the code and drops the message', () => {
    const v = verdictOf(answered(400, { error: { code: 'BAD_REQUEST', message: 42 } }), defaultContract);
    expect(v).toEqual({ kind: 'rejected', code: 'BAD_REQUEST' });
  });

  it("5xx without the contract's error body → crashed, naming the status", () => {
    for (const [status, body] of [
      [500, { statusCode: 500, error: 'Internal Server Error', message: 'boom' }],
      [502, '<html>Bad Gateway</html>'],
      [503, ''],
      [500, { error: { message: 'no code' } }],
    ] as const) {
      const v = verdictOf(answered(status, body), defaultContract);
      expect(v.kind, `${status} ${JSON.stringify(body)}`).toBe('crashed');
      expect(v.kind === 'crashed' && v.reason).toBe(`HTTP ${status} without the contract's error body`);
    }
  });

  it("4xx without the contract's error body → rejected with the placeholder code (no error code)", () => {
    for (const body of [{ statusCode: 400, error: 'Bad Request' }, 'nope', { error: 'AUTH_REQUIRED' }]) {
      expect(verdictOf(answered(400, body), defaultContract)).toEqual({
        kind: 'rejected',
        code: '(no error code)',
        message: "HTTP 400 without the contract's error body",
      });
    }
    expect(verdictOf(answered(404, ''), defaultContract)).toMatchObject({ kind: 'rejected', code: '(no error code)' });
  });

  it('no answer, reset or timeout → crashed with the transport error as the reason', () => {
    expect(verdictOf(unanswered('no answer within 500 ms (timeout)'), defaultContract)).toEqual({
      kind: 'crashed',
      reason: 'no answer within 500 ms (timeout)',
    });
    expect(verdictOf(unanswered('ECONNRESET: socket hang up'), defaultContract)).toEqual({
      kind: 'crashed',
      reason: 'ECONNRESET: socket hang up',
    });
    expect(verdictOf(unanswered(), defaultContract)).toEqual({ kind: 'crashed', reason: 'no answer' });
  });

  it("reads mobile and code through the configured contract, not the default's shapes", () => {
    const custom: Contract = {
      ...defaultContract,
      readMobile: (body) => (body as { data?: { phone?: string } } | undefined)?.data?.phone,
      readErrorCode: (body, status) => (status === 418 ? 'TEAPOT' : (body as { err?: string } | undefined)?.err),
    };
    expect(verdictOf(answered(200, { data: { phone: MOBILE } }), custom)).toEqual({ kind: 'accepted', mobile: MOBILE });
    expect(verdictOf(answered(200, { mobile: MOBILE }), custom)).toEqual({ kind: 'accepted', mobile: '' });
    expect(verdictOf(answered(409, { err: 'AUTH_REQUIRED' }), custom)).toMatchObject({
      kind: 'rejected',
      code: 'AUTH_REQUIRED',
    });
    expect(verdictOf(answered(418, 'short and stout'), custom)).toMatchObject({ kind: 'rejected', code: 'TEAPOT' });
    expect(verdictOf(answered(500, errorBody('ALIPAY_BUSY')), custom).kind).toBe('crashed');
  });
});

describe('describeVerdictShort', () => {
  it('says each kind in words', () => {
    expect(describeVerdictShort({ kind: 'accepted', mobile: MOBILE })).toBe(`accepted with mobile ${MOBILE}`);
    expect(describeVerdictShort({ kind: 'rejected', code: 'AUTH_REQUIRED' })).toBe('rejected with AUTH_REQUIRED');
    expect(describeVerdictShort({ kind: 'crashed', reason: 'timeout' })).toBe('crashed (timeout)');
    expect(describeVerdictShort({ kind: 'no-call' })).toBe('never called');
  });
});

describe('judge', () => {
  const cause = 'the AES key is not set';
  const run = (
    expected: Expectation,
    verdict: Verdict,
    extra: { issuedMobile?: string; exchange?: HttpExchange } = {},
  ) => judge({ expected, verdict, cause, ...extra });
  const messages = (fs: Array<{ message: string }>) => fs.map((f) => f.message);

  describe('expected accepted (issued mobile)', () => {
    const expected: Expectation = { kind: 'accepted', mobile: 'issued' };

    it('passes when accepted with exactly the issued mobile', () => {
      expect(run(expected, { kind: 'accepted', mobile: MOBILE }, { issuedMobile: MOBILE })).toEqual([]);
    });

    it('fails when accepted with another mobile, naming both numbers', () => {
      const f = run(expected, { kind: 'accepted', mobile: '13900139000' }, { issuedMobile: MOBILE });
      expect(messages(f)).toEqual([`backend returned mobile "13900139000" but the gateway issued "${MOBILE}"`]);
    });

    it('fails when accepted without a mobile', () => {
      expect(run(expected, { kind: 'accepted', mobile: '' }, { issuedMobile: MOBILE })).toHaveLength(1);
    });

    it('fails on a rejection, a crash or no call, saying what the backend did and the cause', () => {
      for (const verdict of [
        { kind: 'rejected', code: 'SIGNATURE_INVALID' },
        { kind: 'crashed', reason: 'HTTP 500' },
        { kind: 'no-call' },
      ] as Verdict[]) {
        const f = run(expected, verdict, { issuedMobile: MOBILE });
        expect(f, verdict.kind).toHaveLength(1);
        expect(f[0]?.message).toContain(describeVerdictShort(verdict));
        expect(f[0]?.message).toContain(`returns mobile ${MOBILE}`);
        expect(f[0]?.detail).toBe(`cause: ${cause}`);
      }
    });

    it('fails when the gateway issued no mobile (the harness could not tell what is right)', () => {
      expect(messages(run(expected, { kind: 'accepted', mobile: MOBILE }))).toEqual([
        'the gateway issued no mobile for this scenario (harness could not read its journal)',
      ]);
    });
  });

  it('anyCode: any refusal passes; an acceptance fails saying any error code would do', () => {
    const expected: Expectation = { kind: 'rejected', codes: ['BAD_REQUEST'], anyCode: true };
    expect(run(expected, { kind: 'rejected', code: 'E1001' })).toEqual([]);
    expect(messages(run(expected, { kind: 'accepted', mobile: MOBILE }))).toEqual([
      `backend accepted a payload it must reject (${cause}); expected a refusal (any error code, e.g. BAD_REQUEST)`,
    ]);
  });

  it('expected accepted with a literal mobile compares with that literal, not the issued one', () => {
    const expected: Expectation = { kind: 'accepted', mobile: '13700137000' };
    expect(run(expected, { kind: 'accepted', mobile: '13700137000' }, { issuedMobile: MOBILE })).toEqual([]);
    expect(run(expected, { kind: 'accepted', mobile: MOBILE }, { issuedMobile: MOBILE })).toHaveLength(1);
  });

  describe('expected rejected', () => {
    const expected: Expectation = { kind: 'rejected', codes: ['ALIPAY_MISCONFIGURED', 'SIGNATURE_MISSING'] };

    it('passes with any one of the allowed codes', () => {
      expect(run(expected, { kind: 'rejected', code: 'ALIPAY_MISCONFIGURED' })).toEqual([]);
      expect(run(expected, { kind: 'rejected', code: 'SIGNATURE_MISSING' })).toEqual([]);
    });

    it('fails with another code, listing the allowed ones', () => {
      expect(messages(run(expected, { kind: 'rejected', code: 'BAD_REQUEST' }))).toEqual([
        `backend rejected with BAD_REQUEST; expected ALIPAY_MISCONFIGURED or SIGNATURE_MISSING (${cause})`,
      ]);
      expect(run(expected, { kind: 'rejected', code: '(no error code)' })).toHaveLength(1);
    });

    it('fails when accepted, crashed or never called, each in its own words', () => {
      expect(messages(run(expected, { kind: 'accepted', mobile: MOBILE }))).toEqual([
        `backend accepted a payload it must reject (${cause}); expected ALIPAY_MISCONFIGURED or SIGNATURE_MISSING`,
      ]);
      expect(messages(run(expected, { kind: 'crashed', reason: 'HTTP 500 without the body' }))).toEqual([
        'backend crashed instead of rejecting (HTTP 500 without the body); expected ALIPAY_MISCONFIGURED or SIGNATURE_MISSING',
      ]);
      expect(messages(run(expected, { kind: 'no-call' }))).toEqual([
        'the page never reached the backend; expected ALIPAY_MISCONFIGURED or SIGNATURE_MISSING',
      ]);
    });

    it('fails when the error answer leaks the issued phone number, even with an allowed code', () => {
      const leaky = answered(400, { error: { code: 'SIGNATURE_MISSING', message: `payload had mobile ${MOBILE}` } });
      const f = run(expected, verdictOf(leaky, defaultContract), { issuedMobile: MOBILE, exchange: leaky });
      expect(messages(f)).toEqual([`the backend's error answer contains the phone number ${MOBILE}`]);
    });

    it('reports both a wrong code and a leak', () => {
      const leaky = answered(400, { error: { code: 'BAD_REQUEST', message: MOBILE } });
      const f = run(expected, verdictOf(leaky, defaultContract), { issuedMobile: MOBILE, exchange: leaky });
      expect(f).toHaveLength(2);
      expect(f[1]?.message).toContain(MOBILE);
    });

    it('a clean error answer, or an empty issued mobile, is not a leak', () => {
      const clean = answered(400, errorBody('SIGNATURE_MISSING', 'no sign'));
      expect(run(expected, verdictOf(clean, defaultContract), { issuedMobile: MOBILE, exchange: clean })).toEqual([]);
      expect(run(expected, verdictOf(clean, defaultContract), { issuedMobile: '', exchange: clean })).toEqual([]);
    });
  });

  describe('expected no-call', () => {
    const expected: Expectation = { kind: 'no-call' };
    it('passes only when nothing reached the backend', () => {
      expect(run(expected, { kind: 'no-call' })).toEqual([]);
      for (const verdict of [
        { kind: 'accepted', mobile: MOBILE },
        { kind: 'rejected', code: 'AUTH_REQUIRED' },
        { kind: 'crashed', reason: 'timeout' },
      ] as Verdict[]) {
        expect(messages(run(expected, verdict))).toEqual([
          `a request reached the backend (${describeVerdictShort(verdict)}); nothing should have been sent`,
        ]);
      }
    });
  });

  it('same-answer and informational expectations never fail in judge (their checks live elsewhere)', () => {
    for (const expected of [{ kind: 'same-answer' }, { kind: 'informational' }] as Expectation[]) {
      expect(run(expected, { kind: 'crashed', reason: 'x' })).toEqual([]);
      expect(run(expected, { kind: 'accepted', mobile: MOBILE }, { issuedMobile: MOBILE })).toEqual([]);
    }
  });
});
