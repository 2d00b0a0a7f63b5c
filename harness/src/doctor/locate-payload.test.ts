import { describe, expect, it } from 'vitest';
import { defaultContract } from '../target/contract.js';
import { locatePayload, SENTINEL } from './locate-payload.js';

const build = (fn: (s: string) => unknown) => locatePayload(fn(SENTINEL));

describe('locatePayload: where a contract puts the payload', () => {
  it('the default contract: the JSON member encryptedData', () => {
    expect(locatePayload(defaultContract.buildPhoneRequest(SENTINEL, {}))).toEqual({
      ok: true,
      place: { kind: 'field', body: 'json', path: ['encryptedData'] },
    });
  });

  it('a nested JSON member, a form field, the raw body, an object body', () => {
    expect(
      build((s) => ({ body: JSON.stringify({ v: 1, data: { encrypted: s } }), contentType: 'application/json' })),
    ).toEqual({
      ok: true,
      place: { kind: 'field', body: 'json', path: ['data', 'encrypted'] },
    });
    expect(build((s) => ({ body: new URLSearchParams({ a: '1', payload: s }).toString(), contentType: 'x' }))).toEqual({
      ok: true,
      place: { kind: 'field', body: 'form', path: ['payload'] },
    });
    expect(build((s) => ({ body: `data[enc]=${s}`, contentType: 'x' }))).toEqual({
      ok: true,
      place: { kind: 'field', body: 'form', path: ['data[enc]'] },
    });
    expect(build((s) => ({ body: s, contentType: 'text/plain' }))).toEqual({ ok: true, place: { kind: 'raw' } });
    expect(build((s) => ({ body: { p: s }, contentType: 'application/json' }))).toEqual({
      ok: true,
      place: { kind: 'field', body: 'json', path: ['p'] },
    });
  });

  it('places the doctor cannot take apart are named', () => {
    const fails = (fn: (s: string) => unknown) => {
      const r = build(fn);
      if (r.ok) throw new Error('expected a failure');
      return r.reason;
    };
    expect(fails((s) => ({ body: JSON.stringify({ list: [s] }) }))).toMatch(/inside an array \(at list\.0\)/);
    expect(fails((s) => ({ body: JSON.stringify({ p: `v1:${s}` }) }))).toMatch(/longer text \(the JSON member p\)/);
    expect(fails((s) => ({ body: '{}', headers: { 'x-payload': s } }))).toMatch(
      /in the "x-payload" header, not in the body/,
    );
    expect(fails(() => ({ body: '{}' }))).toMatch(/does not carry the payload/);
    expect(fails(() => 'nope')).toMatch(/did not return a request object/);
  });
});
