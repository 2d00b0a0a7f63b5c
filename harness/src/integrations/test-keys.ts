import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { defaultKeysDir, loadKeyDirCached } from '../../../mock-gateway/src/keys/load-keys.js';
import { publicKeyToPem } from '../../../mock-gateway/src/protocol/index.js';

/**
 * The keys a backend (or an OpenAPI client) under test needs to talk to the mock, as Alipay's console shows them.
 * TEST-ONLY material: the mock's keys are committed in the package's `keys/` and must never guard anything real.
 */
export interface TestKeys {
  /** the demo app (keys/app.json) */
  appId: string;
  /** the mock Alipay's public key, bare Base64 SPKI (支付宝公钥, as the console shows it) */
  alipayPublicKey: string;
  /** the same, SPKI PEM */
  alipayPublicKeyPem: string;
  /** the demo app's AES-128 key, Base64 (接口内容加密方式); an app patched with its own `aesKey` uses that instead */
  aesKey: string;
  /** the app's private key, PKCS#8 PEM: signs OpenAPI requests (alipay-sdk: `privateKey`, `keyType: 'PKCS8'`) */
  appPrivateKeyPem: string;
  /** the app's public key, bare Base64 SPKI (what the gateway verifies requests with) */
  appPublicKey: string;
  /** the keys directory the material was read from */
  dir: string;
}

/** Reads the keys from the material the gateway was built with (never from the admin API: it serves public parts only). */
export function testKeysOf(material: KeyMaterial): TestKeys {
  return {
    appId: material.appId,
    alipayPublicKey: material.alipayPublicKeyBase64,
    alipayPublicKeyPem: publicKeyToPem(material.alipayPublicKey),
    aesKey: material.aesKey,
    appPrivateKeyPem: material.appPrivateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    appPublicKey: material.appPublicKeyBase64,
    dir: material.dir,
  };
}

/** The package's own TEST-ONLY keys (keys/), for a handle bound to a gateway that was started with the defaults. */
export function defaultKeyMaterial(): KeyMaterial {
  const loaded = loadKeyDirCached(defaultKeysDir());
  if (!loaded.ok) throw new Error(`alimock: ${loaded.reason}`);
  return loaded.value;
}
