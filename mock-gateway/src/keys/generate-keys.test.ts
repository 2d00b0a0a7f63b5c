import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samePublicKey } from '../protocol/keys.js';
import { testKeySet } from '../test-support/key-sets.js';
import {
  DEMO_APP_ID,
  type GeneratedKeySet,
  generateKeySet,
  TEST_ONLY_KEY_TRAILER,
  writeKeySet,
} from './generate-keys.js';
import { ROOT_DN, TEST_ONLY_COMMENT } from './issue-certs.js';
import { KEY_FILES } from './key-material.js';
import { keysReadme } from './keys-readme.js';
import { defaultKeysDir } from './load-keys.js';

let set: GeneratedKeySet;
/** a second set, made by another generateKeySet() call with the defaults (shared with other tests of this process) */
let fresh: GeneratedKeySet;
let work: string;

beforeAll(() => {
  set = generateKeySet({ appId: '2021004242424242' });
  fresh = testKeySet();
  work = mkdtempSync(join(tmpdir(), 'alimock-gen-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const file = (name: string) => set.files[name] as string;

describe('generateKeySet', () => {
  it('produces exactly the keys/README.md files plus the README', () => {
    const expected = Object.entries(KEY_FILES)
      .filter(([k]) => k !== 'certsDir')
      .map(([, v]) => v);
    expect(Object.keys(set.files).sort()).toEqual([...expected, 'README.md'].sort());
    expect(set.appId).toBe('2021004242424242');
  });

  it('RSA-2048 pairs: PKCS#8 PEM private, SPKI PEM public, bare Base64 .txt, all matching', () => {
    for (const [priv, pem, txt] of [
      [KEY_FILES.alipayPrivate, KEY_FILES.alipayPublicPem, KEY_FILES.alipayPublicTxt],
      [KEY_FILES.appPrivate, KEY_FILES.appPublicPem, KEY_FILES.appPublicTxt],
    ] as const) {
      expect(file(priv).startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
      expect(file(priv).endsWith(`-----END PRIVATE KEY-----\n${TEST_ONLY_KEY_TRAILER}\n`)).toBe(true);
      expect(file(pem).startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
      expect(file(txt)).toMatch(/^[A-Za-z0-9+/]+=*\n$/);
      const key = createPrivateKey(file(priv));
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(samePublicKey(key, createPublicKey(file(pem)))).toBe(true);
      const der = Buffer.from(file(txt).trim(), 'base64');
      expect(samePublicKey(key, createPublicKey({ key: der, format: 'der', type: 'spki' }))).toBe(true);
    }
    expect(
      samePublicKey(createPrivateKey(file(KEY_FILES.appPrivate)), createPrivateKey(file(KEY_FILES.alipayPrivate))),
    ).toBe(false);
  });

  it('AES-128 key in Base64 and app.json with the app id and a TEST-ONLY note', () => {
    expect(Buffer.from(file(KEY_FILES.aes).trim(), 'base64')).toHaveLength(16);
    const app = JSON.parse(file(KEY_FILES.app));
    expect(app).toEqual({ appId: '2021004242424242', note: expect.stringContaining('TEST-ONLY') });
  });

  it('defaults to the demo app id and makes fresh keys every time', () => {
    const again = fresh;
    expect(again.appId).toBe(DEMO_APP_ID);
    expect(DEMO_APP_ID).toMatch(/^2021\d{12}$/);
    expect(again.files[KEY_FILES.alipayPrivate]).not.toBe(file(KEY_FILES.alipayPrivate));
    expect(again.files[KEY_FILES.aes]).not.toBe(file(KEY_FILES.aes));
    expect(() => generateKeySet({ appId: ' ' })).toThrow(/appId/);
  });

  it('certificates: TEST-ONLY comment line, root self-signed, leaves issued by it for the right keys', () => {
    const root = file(KEY_FILES.rootCert);
    const alipay = file(KEY_FILES.alipayCert);
    const app = file(KEY_FILES.appCert);
    for (const pem of [root, alipay, app]) {
      expect(pem.startsWith(`${TEST_ONLY_COMMENT}\n-----BEGIN CERTIFICATE-----\n`)).toBe(true);
    }
    const rootX = new X509Certificate(root);
    const alipayX = new X509Certificate(alipay);
    const appX = new X509Certificate(app);
    expect(rootX.verify(rootX.publicKey)).toBe(true);
    expect(rootX.ca).toBe(true);
    expect(alipayX.ca).toBe(false);
    expect(alipayX.verify(rootX.publicKey) && appX.verify(rootX.publicKey)).toBe(true);
    expect(alipayX.checkIssued(rootX) && appX.checkIssued(rootX)).toBe(true);
    expect(samePublicKey(alipayX.publicKey, createPublicKey(file(KEY_FILES.alipayPublicPem)))).toBe(true);
    expect(samePublicKey(appX.publicKey, createPublicKey(file(KEY_FILES.appPublicPem)))).toBe(true);
    expect(samePublicKey(rootX.publicKey, createPrivateKey(file(KEY_FILES.rootPrivate)))).toBe(true);
    expect(file(KEY_FILES.rootPrivate).endsWith(`\n${TEST_ONLY_KEY_TRAILER}\n`)).toBe(true);
    expect(rootX.issuer).toBe(
      'C=CN\nO=alimock test CA (NOT Alipay)\nOU=alimock TEST-ONLY Certification Authority\nCN=alimock test root CA (NOT Alipay)',
    );
    expect(alipayX.issuer).toBe(rootX.subject);
    expect(appX.subject).toContain('CN=2021004242424242');
    expect(new Date(appX.validTo).getTime() - Date.now()).toBeGreaterThan(19 * 365 * 24 * 3600 * 1000);
    expect(new Set([rootX.serialNumber, alipayX.serialNumber, appX.serialNumber]).size).toBe(3);
    expect(rootX.serialNumber).toMatch(/^[1-7][0-9A-F]{31}$/);
  });

  it('signs with sha256WithRSA (checked with node-forge)', () => {
    for (const name of [KEY_FILES.rootCert, KEY_FILES.alipayCert, KEY_FILES.appCert]) {
      const cert = forge.pki.certificateFromPem(file(name));
      expect(cert.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
      expect(cert.issuer.attributes.map((a) => `${a.shortName}=${a.value}`)).toEqual(
        ROOT_DN.map((a) => `${a.shortName}=${a.value}`),
      );
    }
  });

  it('the README says TEST-ONLY, documents every file and the regeneration command', () => {
    const readme = file('README.md');
    expect(readme).toBe(keysReadme('2021004242424242'));
    expect(readme).toContain('TEST-ONLY');
    expect(readme).toContain('npx alimock keys --out keys --force');
    for (const name of Object.values(KEY_FILES).filter((n) => n !== 'certs')) {
      expect(readme).toContain(name.replace(/^certs\//, ''));
    }
  });

  it('the committed keys/README.md is the generated one (regenerating does not drift)', () => {
    expect(readFileSync(join(defaultKeysDir(), 'README.md'), 'utf8')).toBe(keysReadme(DEMO_APP_ID));
  });
});

describe('writeKeySet', () => {
  it('writes every file into a new (nested) folder', () => {
    const dir = join(work, 'a', 'b', 'keys');
    const written = writeKeySet(dir, set);
    expect(written).toEqual({ ok: true, value: { dir, written: Object.keys(set.files).sort() } });
    for (const [name, content] of Object.entries(set.files)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
    }
  });

  it('refuses to overwrite existing key files without force, naming them', () => {
    const dir = join(work, 'refuse');
    expect(writeKeySet(dir, set).ok).toBe(true);
    const refused = writeKeySet(dir, fresh);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(
      /already holds .*alipay-private\.pem.* — refusing to overwrite .*--force/,
    );
    expect(!refused.ok && refused.reason).not.toContain('\n');
    expect(readFileSync(join(dir, KEY_FILES.alipayPrivate), 'utf8')).toBe(file(KEY_FILES.alipayPrivate));
  });

  it('refuses when even one file exists, and writes nothing then', () => {
    const dir = join(work, 'partial');
    mkdirSync(dir);
    writeFileSync(join(dir, 'aes.txt'), 'mine\n');
    const refused = writeKeySet(dir, set);
    expect(!refused.ok && refused.reason).toMatch(/already holds aes\.txt —/);
    expect(existsSync(join(dir, KEY_FILES.alipayPrivate))).toBe(false);
  });

  it('overwrites with force', () => {
    const dir = join(work, 'force');
    expect(writeKeySet(dir, set).ok).toBe(true);
    expect(writeKeySet(dir, fresh, { force: true }).ok).toBe(true);
    expect(readFileSync(join(dir, KEY_FILES.alipayPrivate), 'utf8')).toBe(fresh.files[KEY_FILES.alipayPrivate]);
  });

  it('reports an unwritable target as a reason, not a throw', () => {
    const blocker = join(work, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const result = writeKeySet(join(blocker, 'keys'), set);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/cannot write the key set \(ENOTDIR\)/);
  });
});
