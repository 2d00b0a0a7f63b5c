import { describe, expect, it } from 'vitest';
import { defaultContract } from './contract.js';
import { buildPhoneCall, pageRequestOf } from './requests.js';

describe('pageRequestOf: what a page’s my.request is handed', () => {
  it('a built call: its URL, method, headers and body as my.request options', () => {
    const call = buildPhoneCall(defaultContract, 'http://127.0.0.1:3000', 'ENVELOPE');
    expect(call.ok).toBe(true);
    expect(pageRequestOf(call)).toEqual({
      url: 'http://127.0.0.1:3000/api/alipay/phone',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ encryptedData: 'ENVELOPE' }),
    });
  });

  it('a contract that could not build it: the reason, and nothing to send', () => {
    expect(pageRequestOf({ ok: false, reason: 'buildPhoneRequest threw: nope' })).toEqual({
      error: 'buildPhoneRequest threw: nope',
    });
  });

  it('a body in bytes has no my.request form: sent empty', () => {
    const r = pageRequestOf({
      ok: true,
      value: { method: 'PUT', url: 'http://x.test/p', headers: {}, body: new Uint8Array([1, 2]) },
    });
    expect(r).toEqual({ url: 'http://x.test/p', method: 'PUT', headers: {}, data: '' });
  });
});
