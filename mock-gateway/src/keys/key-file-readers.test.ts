/**
 * The committed files are read by the readers teams use: node:crypto, node-forge, alipay-sdk, OpenSSL's command
 * line, Python's cryptography and PHP's openssl extension — with the TEST-ONLY line each private key ends with.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, createSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiSignContent } from '../protocol/openapi-sign.js';
import { rsaVerify } from '../protocol/rsa.js';
import { TEST_ONLY_KEY_TRAILER } from './generate-keys.js';
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
  it('certificates start with it; every private key ends with it, after its PEM block; app.json has a note', () => {
    for (const name of CERTS)
      expect(read(name).startsWith(`${TEST_ONLY_COMMENT}\n-----BEGIN CERTIFICATE-----`)).toBe(true);
    for (const name of PRIVATE_PEMS) {
      expect(read(name).startsWith('-----BEGIN PRIVATE KEY-----\n'), name).toBe(true);
      expect(read(name).endsWith(`-----END PRIVATE KEY-----\n${TEST_ONLY_KEY_TRAILER}\n`), name).toBe(true);
    }
    // ASCII, and no colon (OpenSSL would take the line alipay-sdk joins to the key for an encryption header)
    expect(TEST_ONLY_KEY_TRAILER).toMatch(/^# TEST-ONLY [\x20-\x39\x3b-\x7e]+$/);
    for (const name of PUBLIC_PEMS) expect(read(name).startsWith('-----BEGIN ')).toBe(true);
    expect(JSON.parse(read(KEY_FILES.app)).note).toMatch(/TEST-ONLY/);
  });
});

/** A command line tool, when this machine has it (CI images may not: the test then says so and is skipped). */
function tool(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}
const hasOpenssl = tool('openssl', ['version']);
const hasPythonCryptography = tool('python3', ['-c', 'import cryptography']);
const hasPhpOpenssl = tool('php', ['-r', 'exit(function_exists("openssl_pkey_get_private") ? 0 : 1);']);

describe('other languages read the private keys with their TEST-ONLY line', () => {
  it.skipIf(!hasOpenssl)('openssl pkey -in (OpenSSL, as Go, Ruby and curl link it)', () => {
    for (const name of PRIVATE_PEMS) {
      const r = spawnSync('openssl', ['pkey', '-in', path(name), '-noout', '-text'], { encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/Private-Key: \(2048 bit/);
    }
  });

  it.skipIf(!hasPythonCryptography)("Python's cryptography (load_pem_private_key)", () => {
    const script = [
      'import sys',
      'from cryptography.hazmat.primitives.serialization import load_pem_private_key',
      'for f in sys.argv[1:]: print(load_pem_private_key(open(f, "rb").read(), None).key_size)',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, ...PRIVATE_PEMS.map(path)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['2048', '2048', '2048']);
  });

  it.skipIf(!hasPhpOpenssl)("PHP's openssl_pkey_get_private", () => {
    const script =
      'foreach (array_slice($argv, 1) as $f) { $k = openssl_pkey_get_private(file_get_contents($f)); echo $k === false ? "fail\n" : openssl_pkey_get_details($k)["bits"] . "\n"; }';
    const r = spawnSync('php', ['-r', script, ...PRIVATE_PEMS.map(path)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['2048', '2048', '2048']);
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
      // as read from disk, and trimmed as the keys README shows it
      const privateKey = alipayPublicKey.startsWith('-----')
        ? read(KEY_FILES.appPrivate)
        : read(KEY_FILES.appPrivate).trim();
      const sdk = new AlipaySdk({
        appId: keys.appId,
        privateKey,
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
