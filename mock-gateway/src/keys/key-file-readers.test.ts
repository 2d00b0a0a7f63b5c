/**
 * The committed files are read by the three readers teams use: node:crypto, node-forge and alipay-sdk.
 * (This is why the key PEMs carry no TEST-ONLY comment line: alipay-sdk 4 cannot read a key with one.)
 */
import { createPrivateKey, createPublicKey, createSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiSignContent } from '../protocol/openapi-sign.js';
import { rsaVerify } from '../protocol/rsa.js';
import { TEST_ONLY_COMMENT } from './issue-certs.js';
import type { KeyMaterial } from './key-material.js';
import { KEY_FILES } from './key-material.js';
import { defaultKeysDir, loadKeyDir } from './load-keys.js';

let keys: KeyMaterial;
const read = (name: string) => readFileSync(join(defaultKeysDir(), name), 'utf8');
const path = (name: string) => join(defaultKeysDir(), name);

const PRIVATE_PEMS = [KEY_FILES.alipayPrivate, KEY_FILES.appPrivate, KEY_FILES.rootPrivate];
const PUBLIC_PEMS = [KEY_FILES.alipayPublicPem, KEY_FILES.appPublicPem];
const CERTS = [KEY_FILES.rootCert, KEY_FILES.alipayCert, KEY_FILES.appCert];

beforeAll(() => {
  const loaded = loadKeyDir(defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  keys = loaded.value;
});

function alipaySign(content: string): string {
  return createSign('sha256').update(content, 'utf8').sign(keys.alipayPrivateKey, 'base64');
}

describe('where the TEST-ONLY comment line is', () => {
  it('certificates carry it; key PEMs and Base64 files do not', () => {
    for (const name of CERTS)
      expect(read(name).startsWith(`${TEST_ONLY_COMMENT}\n-----BEGIN CERTIFICATE-----`)).toBe(true);
    for (const name of [...PRIVATE_PEMS, ...PUBLIC_PEMS]) expect(read(name).startsWith('-----BEGIN ')).toBe(true);
    expect(JSON.parse(read(KEY_FILES.app)).note).toMatch(/TEST-ONLY/);
  });
});

describe('node:crypto reads every file', () => {
  it('keys and certificates', () => {
    for (const name of PRIVATE_PEMS) expect(createPrivateKey(read(name)).asymmetricKeyType).toBe('rsa');
    for (const name of PUBLIC_PEMS) expect(createPublicKey(read(name)).asymmetricKeyType).toBe('rsa');
    for (const name of CERTS) expect(new X509Certificate(read(name)).publicKey.asymmetricKeyType).toBe('rsa');
    const der = Buffer.from(read(KEY_FILES.alipayPublicTxt).trim(), 'base64');
    expect(createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType).toBe('rsa');
  });
});

describe('node-forge reads every file', () => {
  it('keys and certificates, and the keys work together', () => {
    const alipayPriv = forge.pki.privateKeyFromPem(read(KEY_FILES.alipayPrivate)) as forge.pki.rsa.PrivateKey;
    const alipayPub = forge.pki.publicKeyFromPem(read(KEY_FILES.alipayPublicPem)) as forge.pki.rsa.PublicKey;
    const md = forge.md.sha256.create();
    md.update('"abc"', 'utf8');
    expect(alipayPub.verify(md.digest().bytes(), alipayPriv.sign(md))).toBe(true);
    forge.pki.privateKeyFromPem(read(KEY_FILES.appPrivate));
    forge.pki.privateKeyFromPem(read(KEY_FILES.rootPrivate));
    forge.pki.publicKeyFromPem(read(KEY_FILES.appPublicPem));
    const root = forge.pki.certificateFromPem(read(KEY_FILES.rootCert));
    expect(root.verify(forge.pki.certificateFromPem(read(KEY_FILES.alipayCert)))).toBe(true);
    expect(root.verify(forge.pki.certificateFromPem(read(KEY_FILES.appCert)))).toBe(true);
  });
});

describe('alipay-sdk reads the files as they are on disk', () => {
  it('public-key mode: app-private.pem (keyType PKCS8) signs; alipay-public.pem and .txt verify', () => {
    for (const alipayPublicKey of [read(KEY_FILES.alipayPublicPem), read(KEY_FILES.alipayPublicTxt)]) {
      const sdk = new AlipaySdk({
        appId: keys.appId,
        privateKey: read(KEY_FILES.appPrivate),
        keyType: 'PKCS8',
        alipayPublicKey,
        encryptKey: read(KEY_FILES.aes).trim(),
      });
      expect(sdk.rsaCheck('"abc"', alipaySign('"abc"'), 'RSA2')).toBe(true);
      expect(sdk.rsaCheck('"abd"', alipaySign('"abc"'), 'RSA2')).toBe(false);
      const params = Object.fromEntries(
        new URLSearchParams(sdk.sdkExecute('alipay.system.oauth.token', { code: 'c' })),
      );
      expect(rsaVerify(openApiSignContent(params), params.sign as string, keys.appPublicKey)).toBe(true);
    }
  });

  it('certificate mode, from paths: SNs and the Alipay public key come out of our certificates', () => {
    const sdk = new AlipaySdk({
      appId: keys.appId,
      privateKey: read(KEY_FILES.appPrivate),
      keyType: 'PKCS8',
      appCertPath: path(KEY_FILES.appCert),
      alipayPublicCertPath: path(KEY_FILES.alipayCert),
      alipayRootCertPath: path(KEY_FILES.rootCert),
    });
    expect(sdk.config.appCertSn).toBe(keys.certs?.appCertSn);
    expect(sdk.config.alipayCertSn).toBe(keys.certs?.alipayCertSn);
    expect(sdk.config.alipayRootCertSn).toBe(keys.certs?.rootCertSn);
    expect(sdk.rsaCheck('"abc"', alipaySign('"abc"'), 'RSA2')).toBe(true);
  });
});
