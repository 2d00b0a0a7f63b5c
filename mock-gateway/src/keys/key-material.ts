import type { KeyObject } from 'node:crypto';

/** File names inside a keys directory (keys/README.md): an interface other tools rely on. */
export const KEY_FILES = {
  alipayPrivate: 'alipay-private.pem',
  alipayPublicPem: 'alipay-public.pem',
  alipayPublicTxt: 'alipay-public.txt',
  appPrivate: 'app-private.pem',
  appPublicPem: 'app-public.pem',
  appPublicTxt: 'app-public.txt',
  aes: 'aes.txt',
  app: 'app.json',
  certsDir: 'certs',
  rootCert: 'certs/alipayRootCert.crt',
  alipayCert: 'certs/alipayCertPublicKey_RSA2.crt',
  appCert: 'certs/appCertPublicKey.crt',
  rootPrivate: 'certs/root-private.pem',
} as const;

export interface CertMaterial {
  /** PEM chain as Alipay ships `alipayRootCert.crt` */
  rootCertPem: string;
  /** the mock Alipay's public-key certificate (`alipayCertPublicKey_RSA2.crt`) */
  alipayCertPem: string;
  /** the app's public-key certificate (`appCertPublicKey.crt`) */
  appCertPem: string;
  rootCertSn: string;
  alipayCertSn: string;
  appCertSn: string;
}

/** Everything loaded from a keys directory, parsed once. */
export interface KeyMaterial {
  dir: string;
  appId: string;
  alipayPrivateKey: KeyObject;
  alipayPublicKey: KeyObject;
  /** bare Base64 SPKI, as the console shows it */
  alipayPublicKeyBase64: string;
  appPrivateKey: KeyObject;
  appPublicKey: KeyObject;
  appPublicKeyBase64: string;
  /** Base64 AES key, as the console shows it */
  aesKey: string;
  /** present when keys/certs/ holds a chain */
  certs?: CertMaterial;
}
