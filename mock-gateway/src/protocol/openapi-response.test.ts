import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawMember } from './json-scan.js';
import {
  alipayJsonObject,
  alipayJsonValue,
  assembleOpenApiResponse,
  errorObjectJson,
  OPENAPI_CODE_MSGS,
  OPENAPI_ERRORS,
  openApiError,
} from './openapi-response.js';
import { rsaVerify } from './rsa.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });

describe('Alipay JSON text', () => {
  it('escapes / as \\/, keeps non-ASCII raw, keeps member order', () => {
    expect(alipayJsonValue('https://a/b')).toBe('"https:\\/\\/a\\/b"');
    expect(alipayJsonValue('授权码code无效')).toBe('"授权码code无效"');
    expect(alipayJsonValue(1296000)).toBe('1296000');
    expect(
      alipayJsonObject([
        ['z', 1],
        ['a', 'x/y'],
      ]),
    ).toBe('{"z":1,"a":"x\\/y"}');
    expect(JSON.parse(alipayJsonObject([['u', 'a/"b\\']]))).toEqual({ u: 'a/"b\\' });
  });

  it('error objects: code, msg, sub_code, sub_msg in that order; the sign string is HTML-escaped', () => {
    expect(errorObjectJson(openApiError('isv.code-invalid'))).toBe(
      '{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}',
    );
    const e = openApiError('isv.invalid-signature', 'a=1&b="<x>"');
    expect(e.subMsg.endsWith('网关生成的验签字符串为：a=1&amp;b=&quot;&lt;x&gt;&quot;')).toBe(true);
    expect(openApiError('isv.code-invalid', 'ignored').subMsg).toBe('授权码code无效');
  });

  it('every catalogue entry has a known code and msg', () => {
    for (const [id, e] of Object.entries(OPENAPI_ERRORS)) {
      expect(OPENAPI_CODE_MSGS[e.code], id).toBeTruthy();
      expect(id).toMatch(/^(isv|aop)\./);
    }
  });
});

describe('assembleOpenApiResponse', () => {
  const bodyJson = alipayJsonObject([
    ['user_id', '2088'],
    ['url', 'https://x'],
  ]);

  it('signs exactly the member text; sign written raw after alipay_cert_sn', () => {
    const text = assembleOpenApiResponse({
      responseKey: 'm_response',
      bodyJson,
      alipayCertSn: 'abc',
      signing: { privateKey, signType: 'RSA2' },
    });
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['m_response', 'alipay_cert_sn', 'sign']);
    expect(text).toContain(`,"sign":"${parsed.sign}"}`);
    expect(rawMember(text, 'm_response')?.text).toBe(bodyJson);
    expect(rsaVerify(bodyJson, parsed.sign, publicKey, 'RSA2')).toBe(true);
    expect(rsaVerify(JSON.stringify(parsed.m_response), parsed.sign, publicKey, 'RSA2')).toBe(false);
  });

  it('without signing: no sign member; RSA signs with SHA1', () => {
    expect(assembleOpenApiResponse({ responseKey: 'error_response', bodyJson, signing: null })).toBe(
      `{"error_response":${bodyJson}}`,
    );
    const rsa = JSON.parse(
      assembleOpenApiResponse({ responseKey: 'k', bodyJson, signing: { privateKey, signType: 'RSA' } }),
    );
    expect(rsaVerify(bodyJson, rsa.sign, publicKey, 'RSA')).toBe(true);
    expect(rsaVerify(bodyJson, rsa.sign, publicKey, 'RSA2')).toBe(false);
  });
});
