import { describe, expect, it } from 'vitest';
import { checkHostMap, mapRequestUrl } from './map-host.js';

const TARGET = 'http://127.0.0.1:3000';
const MOCK = 'http://127.0.0.1:4000';

describe('mapRequestUrl', () => {
  it('by default any http(s) origin that is not the mock goes to the target, path and query kept', () => {
    expect(
      mapRequestUrl('https://api.example.com/api/alipay/phone?x=1', { targetUrl: TARGET, mockOrigins: [MOCK] }),
    ).toEqual({
      url: 'http://127.0.0.1:3000/api/alipay/phone?x=1',
      mapped: true,
      from: 'https://api.example.com',
      to: TARGET,
    });
  });

  it("the mock's own origin and the target itself are left alone", () => {
    expect(mapRequestUrl(`${MOCK}/jsapi/x`, { targetUrl: TARGET, mockOrigins: [MOCK] })).toEqual({
      url: `${MOCK}/jsapi/x`,
      mapped: false,
    });
    expect(mapRequestUrl(`${TARGET}/a`, { targetUrl: TARGET, mockOrigins: [MOCK] }).mapped).toBe(false);
  });

  it('a target with a base path prefixes it', () => {
    expect(mapRequestUrl('https://api.example.com/v2/x', { targetUrl: 'http://127.0.0.1:3000/base/' }).url).toBe(
      'http://127.0.0.1:3000/base/v2/x',
    );
  });

  it('hosts: an origin mapped elsewhere, or passed through', () => {
    const hosts = { 'https://cdn.example.com': 'passthrough', 'https://pay.example.com': 'http://127.0.0.1:5000' };
    expect(mapRequestUrl('https://cdn.example.com/a.json', { hosts, targetUrl: TARGET }).mapped).toBe(false);
    expect(mapRequestUrl('https://pay.example.com/p', { hosts, targetUrl: TARGET }).url).toBe(
      'http://127.0.0.1:5000/p',
    );
  });

  it('without a target only explicit hosts are mapped', () => {
    expect(mapRequestUrl('https://api.example.com/x', {}).mapped).toBe(false);
    expect(mapRequestUrl('https://api.example.com/x', { hosts: { 'https://api.example.com': 'target' } }).mapped).toBe(
      false,
    );
  });

  it('non-http URLs are never mapped', () => {
    expect(mapRequestUrl('data:text/plain,x', { targetUrl: TARGET }).mapped).toBe(false);
    expect(mapRequestUrl('not a url', { targetUrl: TARGET }).mapped).toBe(false);
  });
});

describe('checkHostMap', () => {
  it('accepts origins to target, passthrough or a base URL', () => {
    expect(checkHostMap({ 'https://api.example.com/': 'target' })).toEqual({
      ok: true,
      value: { 'https://api.example.com': 'target' },
    });
  });
  it('refuses keys that are not http(s) origins and unknown values, saying what to write', () => {
    expect(checkHostMap({ 'api.example.com': 'target' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not an http(s) origin'),
    });
    expect(checkHostMap({ 'https://a.com': 'prod' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"target", "passthrough" or a base URL'),
    });
    expect(checkHostMap([])).toMatchObject({ ok: false });
  });
});
