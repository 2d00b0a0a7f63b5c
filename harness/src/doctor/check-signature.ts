/**
 * Step "verify": the official check (RSA PKCS#1 v1.5 over '"' + response + '"' for an encrypted response), and, when it fails,
 * which mistake the payload matches. PKCS#1 v1.5 signatures can be opened with the public key: the DigestInfo
 * inside names the hash the signer used and the digest of the bytes it signed. So the doctor can tell "right key,
 * other bytes" (unquoted, re-serialised, altered) from "other key" and "other hash" exactly, not by guessing.
 */
import { constants, createHash, type KeyObject, publicDecrypt } from 'node:crypto';
import { type ParsedEnvelope, signContentFor } from '../../../mock-gateway/src/protocol/envelope.js';
import { normaliseBase64 } from '../../../mock-gateway/src/protocol/keys.js';
import { isSignType, rsaVerify, type SignType } from '../../../mock-gateway/src/protocol/rsa.js';
import type { KeysCheck } from './check-keys.js';
import { echo } from './echo.js';
import type { DiagnosisStep, Finding } from './types.js';

export interface SignatureCheck {
  verified: boolean;
  /** the verify step's finding, when verification ran */
  finding?: Finding;
  steps: DiagnosisStep[];
}

type Hash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** DER prefixes of PKCS#1 v1.5 DigestInfo (RFC 8017, section 9.2, note 1). */
const DIGEST_INFO: Record<Hash, string> = {
  sha1: '3021300906052b0e03021a05000414',
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

const HASH_OF: Record<SignType, Hash> = { RSA2: 'sha256', RSA: 'sha1' };
const ALGORITHM: Record<Hash, string> = {
  sha1: 'SHA1withRSA (sign_type RSA)',
  sha224: 'SHA224withRSA',
  sha256: 'SHA256withRSA (sign_type RSA2)',
  sha384: 'SHA384withRSA',
  sha512: 'SHA512withRSA',
};

/** Opens the signature with `key`: the hash and digest it carries, or undefined when `key` did not make it. */
function recover(sig: Buffer, key: KeyObject): { hash: Hash | 'unknown'; digest: Buffer } | undefined {
  let info: Buffer;
  try {
    info = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    return undefined;
  }
  const hex = info.toString('hex');
  for (const [hash, prefix] of Object.entries(DIGEST_INFO) as Array<[Hash, string]>) {
    if (hex.startsWith(prefix)) return { hash, digest: info.subarray(prefix.length / 2) };
  }
  return { hash: 'unknown', digest: info };
}

function digestOf(hash: Hash, content: string): Buffer {
  return createHash(hash).update(content, 'utf8').digest();
}

function reserialised(raw: string): string | undefined {
  try {
    const again = JSON.stringify(JSON.parse(raw));
    return again === raw ? undefined : again;
  } catch {
    return undefined;
  }
}

const OFFICIAL = `content = '"' + response + '"' for an encrypted response (the raw JSON text for a plain one)`;

function verifiedStep(env: ParsedEnvelope, signType: SignType): DiagnosisStep[] {
  const content = env.encrypted ? `'"' + response + '"'` : 'the raw text of response';
  const steps: DiagnosisStep[] = [
    {
      step: 'verify',
      status: 'ok',
      finding: 'verified',
      message: `the signature verifies: ${ALGORITHM[HASH_OF[signType]]} over ${content}, with this Alipay public key`,
      fix:
        'the payload and the key are fine. If your backend still says 验签失败, its code departs from the official algorithm: ' +
        `${OFFICIAL} — the quotes are part of what is signed; the hash of sign_type` +
        (signType === 'RSA' ? ' (this payload is RSA = SHA1withRSA: code that always uses SHA256 fails)' : '') +
        '; sign Base64-decoded once; the bytes exactly as received (no re-serialising); this very key',
    },
  ];
  const again = env.encrypted ? undefined : reserialised(env.content);
  if (again !== undefined) {
    steps.push({
      step: 'verify',
      status: 'warn',
      finding: 'reserialise-changes-bytes',
      message:
        'this plain response re-serialised (JSON.stringify(JSON.parse(…))) gives other bytes (escaping such as \\/, spacing, key order): verifying over those fails',
      fix: "verify over the raw text of response as received — don't re-serialise it",
    });
  }
  return steps;
}

function fail(finding: Finding, message: string, fix: string): SignatureCheck {
  return { verified: false, finding, steps: [{ step: 'verify', status: 'fail', finding, message, fix }] };
}

export function checkSignature(env: ParsedEnvelope, keys: KeysCheck): SignatureCheck {
  if (env.sign === undefined) return { verified: false, steps: [] };
  const key = keys.alipayKey;
  if (!key) {
    return {
      verified: false,
      steps: [
        {
          step: 'verify',
          status: 'skip',
          finding: 'no-alipay-public-key',
          message: 'not checked: no usable Alipay public key',
        },
      ],
    };
  }
  const declared = env.signType ?? 'RSA2';
  const signB64 = normaliseBase64(env.sign);
  if (!signB64) {
    const how = /[-_]/.test(env.sign)
      ? ' (it looks URL-safe Base64: - and _ instead of + and /)'
      : /%[0-9A-Fa-f]{2}/.test(env.sign)
        ? ' (it is URL-encoded: %2B, %2F…)'
        : '';
    return fail(
      'sign-not-base64',
      `sign is not Base64${how}`,
      'forward sign exactly as Alipay wrote it (standard Base64)',
    );
  }
  if (isSignType(declared) && rsaVerify(signContentFor(env.content, env.encrypted), signB64, key, declared)) {
    return { verified: true, finding: 'verified', steps: verifiedStep(env, declared) };
  }
  const sig = Buffer.from(signB64, 'base64');
  const opened = recover(sig, key);
  if (!opened) return otherKey(sig, key, keys);
  const official = signContentFor(env.content, env.encrypted);
  const matches = (content: string) =>
    opened.hash !== 'unknown' && digestOf(opened.hash, content).equals(opened.digest);
  const used = opened.hash === 'unknown' ? 'an unknown hash' : ALGORITHM[opened.hash];
  if (!isSignType(declared)) {
    return fail(
      'bad-sign-type',
      `sign_type is "${echo(declared)}": Alipay writes RSA2 (SHA256withRSA) or RSA (SHA1withRSA); this signature is ${used}`,
      'forward sign_type unchanged; verify with SHA256withRSA for RSA2 and SHA1withRSA for RSA',
    );
  }
  if (matches(official)) {
    return fail(
      'sign-type-mismatch',
      `sign_type says ${declared} (${ALGORITHM[HASH_OF[declared]]}) but the signature is ${used} over the official content: RSA vs RSA2 mismatch`,
      `verify with the hash sign_type names (RSA2 → SHA256withRSA, RSA → SHA1withRSA) and check 接口加签方式 in the console; whoever produced this payload signed with ${used}`,
    );
  }
  if (env.encrypted && matches(env.content)) {
    return fail(
      'unquoted-signature',
      `the signature covers the ciphertext WITHOUT the surrounding quotes (${used}); Alipay signs '"' + response + '"'`,
      `the payload was signed unquoted — Alipay never does that, so the signer is not Alipay's algorithm; and in your verifying code, ${OFFICIAL}: a backend that verifies without the quotes rejects every genuine payload`,
    );
  }
  const again = env.encrypted ? undefined : reserialised(env.content);
  if (again !== undefined && matches(again)) {
    return fail(
      'reserialised-json',
      'the signature covers JSON.stringify(JSON.parse(response)), not the raw text of response: the JSON was re-serialised on one side',
      "verify (and sign) over the raw text of response exactly as received — don't re-serialise it",
    );
  }
  return fail(
    'content-altered',
    `the key is right (the signature was made with its private key, ${used}) but it covers other bytes: response was altered after signing (tampered, truncated, re-encoded or edited)` +
      (again !== undefined ? '; note that re-serialising this plain response also changes its bytes' : ''),
    'forward res.response byte for byte from the page to the backend; a correct backend answers SIGNATURE_INVALID here',
  );
}

/** The key given did not make this signature. */
function otherKey(sig: Buffer, key: KeyObject, keys: KeysCheck): SignatureCheck {
  if (keys.appKey && !keys.alipayKeyIsApp && recover(sig, keys.appKey)) {
    return fail(
      'signed-with-app-key',
      "the signature was made with your app's private key (应用私钥), not Alipay's: Alipay never signs with your key, so this payload was produced by your own code or fixture",
      'sign test payloads with a mock Alipay key (alimock mint), and verify with 支付宝公钥 only: a backend verifying with the app key accepts payloads anyone holding your key can forge',
    );
  }
  const keyBytes = (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
  const sizes =
    keyBytes > 0 && sig.length !== keyBytes
      ? ` (the signature is ${sig.length * 8} bits, the key ${keyBytes * 8}: certainly another key)`
      : '';
  if (keys.alipayKeyIsApp) {
    return fail(
      'wrong-public-key',
      `the signature does not match this key${sizes}: as expected, since it is your app's own key, not Alipay's`,
      'verify with 支付宝公钥 from 开放平台控制台 > 设置 > 开发设置 > 接口加签方式',
    );
  }
  return fail(
    'wrong-public-key',
    `the signature does not match this key${sizes}: the key is not this app's Alipay public key, or sign was altered` +
      (keys.certMode ? ' (the certificate given does not certify the signing key)' : ''),
    'copy 支付宝公钥 again from 开放平台控制台 > 设置 > 开发设置 for this very appId (sandbox 沙箱 and production keys differ; never your 应用公钥); in 公钥证书 mode the key is inside alipayCertPublicKey_RSA2.crt (you may pass the certificate itself)',
  );
}
