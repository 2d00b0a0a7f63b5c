/**
 * Test support: hostile payloads for the doctor — deep nesting, huge strings, control characters, non-UTF-8 bytes —
 * each well-formed enough to reach the step it attacks (signed and encrypted with the TEST-ONLY keys when it
 * targets the plaintext).
 */
import type { KeyMaterial } from '../../../../mock-gateway/src/keys/key-material.js';
import { aesEncrypt } from '../../../../mock-gateway/src/protocol/aes.js';
import { rsaSign } from '../../../../mock-gateway/src/protocol/rsa.js';

export interface Hostile {
  name: string;
  /** text for diagnose(); the CLI gets its UTF-8 bytes unless `bytes` is given */
  text: string;
  bytes?: Buffer;
}

const DEEP = 100_000;

/** An encrypted, correctly signed envelope around `plaintext`. */
export function sealed(keys: KeyMaterial, plaintext: string): string {
  const ct = aesEncrypt(plaintext, keys.aesKey);
  const sign = rsaSign(`"${ct}"`, keys.alipayPrivateKey, 'RSA2');
  return JSON.stringify({ response: ct, sign, sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' });
}

const ESC = '\u001b[2J\u001b[31m\u0007\u009b31m\u202e\u0000';

export function hostilePayloads(keys: KeyMaterial): Hostile[] {
  const big = 'X'.repeat(150_000);
  const env = JSON.parse(sealed(keys, '{"code":"10000","msg":"Success","mobile":"13800138000"}')) as Record<
    string,
    string
  >;
  const manyMembers: Record<string, string> = { ...env };
  for (let i = 0; i < 5000; i++) manyMembers[`${'m'.repeat(50)}${i}`] = 'x';
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"response":"'),
    Buffer.from([0xff, 0xfe, 0x80, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    Buffer.from('","sign":"'),
    Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
    Buffer.from('"}'),
  ]);
  return [
    { name: 'deep plaintext object', text: sealed(keys, `{"a":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`) },
    { name: 'deep plaintext array', text: sealed(keys, `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) },
    { name: 'deep plaintext code', text: sealed(keys, `{"code":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`) },
    { name: 'deep response', text: `{"response":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}` },
    { name: 'deep wrapped object', text: `{"encryptedData":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}` },
    { name: 'deep unbalanced', text: '['.repeat(3 * DEEP) },
    { name: 'deep string layers', text: `${'"'.repeat(1)}${'\\"'.repeat(1000)}` },
    {
      name: 'huge code and msg',
      text: sealed(keys, JSON.stringify({ code: big, msg: big, subCode: big, subMsg: big })),
    },
    {
      name: 'huge mobile',
      text: sealed(keys, JSON.stringify({ code: '10000', msg: 'Success', mobile: '1'.repeat(300_000) })),
    },
    { name: 'huge non-JSON plaintext', text: sealed(keys, `mobile=13800138000&${big}`) },
    { name: 'many long members', text: JSON.stringify(manyMembers) },
    {
      name: 'huge sign_type and charset',
      text: JSON.stringify({ ...env, sign_type: big, charset: big, encrypt_type: big }),
    },
    { name: 'huge sign', text: JSON.stringify({ ...env, sign: 'QUJD'.repeat(150_000) }) },
    { name: 'huge response', text: JSON.stringify({ ...env, response: 'QUJD'.repeat(200_000) }) },
    { name: 'no response, huge member', text: JSON.stringify({ [big]: 1 }) },
    {
      name: 'control characters in members',
      text: JSON.stringify({ ...env, sign_type: ESC, charset: ESC, [ESC]: ESC }),
    },
    {
      name: 'control characters in the plaintext',
      text: sealed(keys, JSON.stringify({ code: ESC, msg: ESC, mobile: ESC })),
    },
    { name: 'control characters as the payload', text: ESC.repeat(1000) },
    { name: 'non-JSON with control characters', text: `{"response": ${ESC}` },
    { name: 'non-UTF-8 bytes', text: invalidUtf8.toString('utf8'), bytes: invalidUtf8 },
    { name: 'lone surrogates', text: `{"response":"\ud800\udc00\ud800","sign":"\udfff"}` },
    { name: 'plaintext without code', text: sealed(keys, '{"a":1}') },
    { name: 'NUL bytes', text: '\u0000'.repeat(10_000) },
  ];
}
