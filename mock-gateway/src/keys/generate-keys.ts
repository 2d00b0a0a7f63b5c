import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { err, ok, type Result } from '../protocol/result.js';
import { issueCertChain } from './issue-certs.js';
import { KEY_FILES } from './key-material.js';
import { keysReadme } from './keys-readme.js';

/** The demo app's id in the committed `keys/` (and the default for new key sets, so regenerating keeps it). */
export const DEMO_APP_ID = '2021000000000001';

/** A key set in memory: file path relative to the keys folder (e.g. `certs/appCertPublicKey.crt`) → content. */
export interface GeneratedKeySet {
  appId: string;
  files: Readonly<Record<string, string>>;
}

interface PemPair {
  privatePem: string;
  publicPem: string;
  publicBase64: string;
}

function rsaPair(): PemPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/**
 * Generates a complete TEST-ONLY key set (DESIGN §2): two RSA-2048 pairs (mock Alipay, demo app), an AES-128 key,
 * `app.json`, the certificate chain and the README. Nothing is written; see `writeKeySet`.
 */
export function generateKeySet(options: { appId?: string } = {}): GeneratedKeySet {
  const appId = options.appId ?? DEMO_APP_ID;
  if (appId.trim() === '') throw new Error('generateKeySet: appId must not be empty');
  const alipay = rsaPair();
  const app = rsaPair();
  const root = rsaPair();
  const chain = issueCertChain({
    rootPrivatePem: root.privatePem,
    rootPublicPem: root.publicPem,
    alipayPublicPem: alipay.publicPem,
    appPublicPem: app.publicPem,
    appId,
  });
  const appJson = {
    appId,
    note: 'TEST-ONLY demo app of alimock (a mock of Alipay) — not a real Alipay app; never use these keys in production',
  };
  const files: Record<string, string> = {
    [KEY_FILES.alipayPrivate]: alipay.privatePem,
    [KEY_FILES.alipayPublicPem]: alipay.publicPem,
    [KEY_FILES.alipayPublicTxt]: `${alipay.publicBase64}\n`,
    [KEY_FILES.appPrivate]: app.privatePem,
    [KEY_FILES.appPublicPem]: app.publicPem,
    [KEY_FILES.appPublicTxt]: `${app.publicBase64}\n`,
    [KEY_FILES.aes]: `${randomBytes(16).toString('base64')}\n`,
    [KEY_FILES.app]: `${JSON.stringify(appJson, null, 2)}\n`,
    [KEY_FILES.rootCert]: chain.rootCertPem,
    [KEY_FILES.alipayCert]: chain.alipayCertPem,
    [KEY_FILES.appCert]: chain.appCertPem,
    [KEY_FILES.rootPrivate]: root.privatePem,
    'README.md': keysReadme(appId),
  };
  return { appId, files };
}

/**
 * Writes a key set into `dir` (created if needed). Refuses, naming the files, when any of them already exists,
 * unless `force`.
 */
export function writeKeySet(
  dir: string,
  set: GeneratedKeySet,
  options: { force?: boolean } = {},
): Result<{ dir: string; written: string[] }> {
  const abs = resolve(dir);
  const names = Object.keys(set.files).sort();
  if (!options.force) {
    const existing = names.filter((name) => existsSync(join(abs, name)));
    if (existing.length > 0) {
      return err(
        `${abs}: already holds ${existing.join(', ')} — refusing to overwrite a key set; pass --force to replace it (envelopes signed with the old keys then stop verifying)`,
      );
    }
  }
  try {
    for (const name of names) {
      const file = join(abs, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, set.files[name] as string, 'utf8');
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(`${abs}: cannot write the key set (${code ?? (e as Error).message}) — check the folder's permissions`);
  }
  return ok({ dir: abs, written: names });
}
