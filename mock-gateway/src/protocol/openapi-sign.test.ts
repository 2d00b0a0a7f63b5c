import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import { defaultKeysDir, loadKeyDir } from '../keys/load-keys.js';
import { openApiSignContent, responseKeyFor } from './openapi-sign.js';
import { rsaVerify } from './rsa.js';

describe('openApiSignContent', () => {
  it('sorts by key, joins k=v with &, raw (not URL-encoded)', () => {
    expect(openApiSignContent({ method: 'alipay.system.oauth.token', app_id: '2021', code: 'a b&c=d/é' })).toBe(
      'app_id=2021&code=a b&c=d/é&method=alipay.system.oauth.token',
    );
  });

  it('skips sign and empty values, keeps sign_type and falsy-but-present values', () => {
    expect(
      openApiSignContent({
        sign: 'xxx',
        sign_type: 'RSA2',
        empty: '',
        nil: null,
        undef: undefined,
        zero: 0,
        no: false,
        b: 'B',
      }),
    ).toBe('b=B&no=false&sign_type=RSA2&zero=0');
  });

  it('sorts by code unit like the SDKs (uppercase before lowercase, _ between)', () => {
    expect(openApiSignContent({ b: '1', B: '2', a_b: '3', ab: '4', a: '5' })).toBe('B=2&a=5&a_b=3&ab=4&b=1');
  });

  it('reproduces alipay-sdk’s request signature content', () => {
    const loaded = loadKeyDir(defaultKeysDir());
    if (!loaded.ok) throw new Error(loaded.reason);
    const keys = loaded.value;
    const sdk = new AlipaySdk({
      appId: keys.appId,
      privateKey: readFileSync(join(keys.dir, 'app-private.pem'), 'ascii'),
      keyType: 'PKCS8',
      alipayPublicKey: keys.alipayPublicKeyBase64,
    });
    const query = sdk.sdkExecute('alipay.system.oauth.token', { grantType: 'authorization_code', code: 'abc 123' });
    const params = Object.fromEntries(new URLSearchParams(query));
    expect(params.grant_type).toBe('authorization_code');
    expect(params.sign).toBeTruthy();
    expect(rsaVerify(openApiSignContent(params), params.sign as string, keys.appPublicKey, 'RSA2')).toBe(true);
    expect(
      rsaVerify(openApiSignContent({ ...params, code: 'abc 124' }), params.sign as string, keys.appPublicKey),
    ).toBe(false);
  });
});

describe('responseKeyFor', () => {
  it('turns the method into the response member name', () => {
    expect(responseKeyFor('alipay.system.oauth.token')).toBe('alipay_system_oauth_token_response');
    expect(responseKeyFor('alipay.user.info.share')).toBe('alipay_user_info_share_response');
  });
});
