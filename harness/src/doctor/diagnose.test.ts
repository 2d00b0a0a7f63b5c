import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { assembleEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import { plaintextFor } from '../../../mock-gateway/src/protocol/outcomes.js';
import { rsaSign } from '../../../mock-gateway/src/protocol/rsa.js';
import { buildTampered, foreignAesKeyFor } from '../../../mock-gateway/src/protocol/tamper.js';
import { specFor } from '../../../mock-gateway/src/protocol/variants.js';
import { maskMobile } from './check-plaintext.js';
import { diagnose } from './diagnose.js';
import {
  aesEncrypt,
  ciphertextWithUtf8Key,
  envelopeAround,
  ivPrependedCiphertext,
  mint,
  nonZeroIvCiphertext,
  passphraseCiphertext,
  SUCCESS,
  signedAround,
  testKeys,
} from './test/payloads.js';
import { type DiagnoseInput, type Diagnosis, FINDINGS, type Finding } from './types.js';

let keys: KeyMaterial;
let all: Omit<DiagnoseInput, 'envelope'>;

beforeAll(() => {
  keys = testKeys();
  all = { alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey, appPublicKey: keys.appPublicKeyBase64 };
});

function run(envelope: string, overrides: Partial<DiagnoseInput> = {}): Diagnosis {
  return diagnose({ envelope, ...all, ...overrides });
}

function findings(d: Diagnosis): Finding[] {
  return d.steps.map((s) => s.finding);
}

function failures(d: Diagnosis): Finding[] {
  return d.steps.filter((s) => s.status === 'fail').map((s) => s.finding);
}

function stepOf(d: Diagnosis, finding: Finding) {
  const s = d.steps.find((x) => x.finding === finding);
  if (!s) throw new Error(`no step ${finding} in ${JSON.stringify(findings(d))}`);
  return s;
}

describe('the happy path', () => {
  it('a minted success verifies, decrypts and reads as fine with a masked mobile', () => {
    const d = run(mint(keys));
    expect(d.ok).toBe(true);
    expect(failures(d)).toEqual([]);
    expect(d.steps.map((s) => s.step)).toEqual(['input', 'envelope', 'sign', 'keys', 'verify', 'decrypt', 'plaintext']);
    expect(findings(d)).toEqual(expect.arrayContaining(['verified', 'decrypted', 'success'] satisfies Finding[]));
    expect(d.plaintext).toBe(SUCCESS);
    expect(stepOf(d, 'success').message).toContain('fine: code 10000, mobile 138****8000');
    expect(d.outcome).toMatchObject({ id: 'success', code: '10000', maskedMobile: '138****8000' });
    expect(d.answer).toEqual({ accepted: true, http: 200, mobile: '13800138000' });
  });

  it('the short form, the RSA variant and the certificate as key all verify', () => {
    expect(run(mint(keys, 'success', 'short')).ok).toBe(true);
    const rsa = run(mint(keys, 'success', 'rsa'));
    expect(rsa.ok).toBe(true);
    expect(stepOf(rsa, 'verified').message).toContain('SHA1withRSA');
    expect(stepOf(rsa, 'verified').fix).toMatch(/always uses SHA256 fails/);
    const certPem = readFileSync(join(keys.dir, 'certs/alipayCertPublicKey_RSA2.crt'), 'utf8');
    const cert = run(mint(keys), { alipayPublicKey: certPem });
    expect(cert.ok).toBe(true);
    expect(stepOf(cert, 'key-ok').message).toContain('公钥证书');
  });

  it('PEM keys (SPKI and PKCS#1) work as well as the bare Base64 the console shows', () => {
    const pkcs1 = keys.alipayPublicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(run(mint(keys), { alipayPublicKey: pkcs1 }).ok).toBe(true);
    const spki = readFileSync(join(keys.dir, 'alipay-public.pem'), 'utf8');
    expect(run(mint(keys), { alipayPublicKey: spki }).ok).toBe(true);
  });

  it('without keys nothing fails, but nothing is vouched for either', () => {
    const d = diagnose({ envelope: mint(keys) });
    expect(d.ok).toBe(false);
    expect(failures(d)).toEqual([]);
    expect(findings(d)).toEqual(expect.arrayContaining(['no-alipay-public-key', 'no-aes-key'] satisfies Finding[]));
    expect(d.plaintext).toBeUndefined();
  });
});

describe('signature mistakes', () => {
  it('a payload signed without the quotes', () => {
    const ct = aesEncrypt(SUCCESS, keys.aesKey);
    const d = run(envelopeAround(ct, { content: ct, key: keys.alipayPrivateKey, type: 'RSA2' }));
    expect(d.ok).toBe(false);
    expect(failures(d)).toEqual(['unquoted-signature']);
    expect(stepOf(d, 'unquoted-signature').fix).toContain(`'"' + response + '"'`);
    expect(d.answer).toMatchObject({ accepted: false, code: 'SIGNATURE_INVALID', http: 400 });
  });

  it("verifying with the app's own public key", () => {
    const d = run(mint(keys), { alipayPublicKey: keys.appPublicKeyBase64 });
    expect(failures(d)).toEqual(['app-key-as-alipay-key', 'wrong-public-key']);
    expect(d.problems).toEqual(['app-key-as-alipay-key', 'wrong-public-key']);
    expect(stepOf(d, 'app-key-as-alipay-key').message).toContain("your app's own public key");
  });

  it("a payload signed with the app's private key is named as such", () => {
    const ct = aesEncrypt(SUCCESS, keys.aesKey);
    const d = run(envelopeAround(ct, { content: `"${ct}"`, key: keys.appPrivateKey, type: 'RSA2' }));
    expect(failures(d)).toEqual(['signed-with-app-key']);
  });

  it('a private key given as the Alipay public key (PEM, bare Base64, and the app private key)', () => {
    const pem = readFileSync(join(keys.dir, 'alipay-private.pem'), 'utf8');
    const d = run(mint(keys), { alipayPublicKey: pem });
    expect(failures(d)).toEqual(['private-key-given']);
    expect(stepOf(d, 'private-key-given').message).toMatch(/private key/);
    const bare = keys.alipayPrivateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(failures(run(mint(keys), { alipayPublicKey: bare }))).toContain('private-key-given');
    const appPem = readFileSync(join(keys.dir, 'app-private.pem'), 'utf8');
    const app = run(mint(keys), { alipayPublicKey: appPem });
    expect(stepOf(app, 'private-key-given').message).toContain("your app's private key");
    expect(failures(app)).toContain('wrong-public-key');
  });

  it('RSA vs RSA2 mismatch, both ways', () => {
    const ct = aesEncrypt(SUCCESS, keys.aesKey);
    const sha1 = run(
      envelopeAround(ct, { content: `"${ct}"`, key: keys.alipayPrivateKey, type: 'RSA', declared: 'RSA2' }),
    );
    expect(failures(sha1)).toEqual(['sign-type-mismatch']);
    expect(stepOf(sha1, 'sign-type-mismatch').message).toMatch(/says RSA2.*SHA1withRSA/);
    const sha256 = run(
      envelopeAround(ct, { content: `"${ct}"`, key: keys.alipayPrivateKey, type: 'RSA2', declared: 'RSA' }),
    );
    expect(failures(sha256)).toEqual(['sign-type-mismatch']);
    expect(stepOf(sha256, 'sign-type-mismatch').message).toMatch(/says RSA .*SHA256withRSA/);
  });

  it('a tampered ciphertext: right key, other bytes', () => {
    const spec = specFor('success', 'standard');
    const tamperKeys = {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
      foreignPrivateKey: keys.appPrivateKey,
      foreignAesKey: foreignAesKeyFor(keys.aesKey),
    };
    const d = run(buildTampered('flip-bit', spec, tamperKeys));
    expect(failures(d)).toEqual(['content-altered', 'ciphertext-altered']);
    expect(d.answer).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(stepOf(d, 'ciphertext-altered').message).toContain('a backend must stop at the failed signature');
    const truncated = run(buildTampered('truncate', spec, tamperKeys));
    expect(failures(truncated)[0]).toBe('content-altered');
  });

  it('a key that did not make the signature', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const b64 = other.export({ format: 'der', type: 'spki' }).toString('base64');
    const d = run(mint(keys), { alipayPublicKey: b64 });
    expect(failures(d)).toEqual(['wrong-public-key']);
    expect(stepOf(d, 'wrong-public-key').message).toContain('the signature is 2048 bits, the key 1024');
    expect(stepOf(d, 'wrong-public-key').fix).toContain('alipayCertPublicKey_RSA2.crt');
  });

  it('a plain response signed over re-serialised JSON, and the warning on a good one', () => {
    const good = run(mint(keys, '40006', 'plain-signed'));
    expect(stepOf(good, 'verified').status).toBe('ok');
    expect(stepOf(good, 'reserialise-changes-bytes').status).toBe('warn');
    // the wire text keeps Alipay's \/ escapes; the signer signed JSON.stringify(JSON.parse(text)) instead
    const rawText = plaintextFor('40006');
    expect(rawText).toContain('\\/');
    const signature = rsaSign(JSON.stringify(JSON.parse(rawText)), keys.alipayPrivateKey, 'RSA2');
    const env = assembleEnvelope(rawText, { form: 'long', encrypt: false, signType: 'RSA2' }, signature);
    expect(failures(run(env))).toContain('reserialised-json');
  });
});

describe('decryption mistakes', () => {
  it('the AES key used as UTF-8 text (24 characters → AES-192)', () => {
    const d = run(signedAround(keys, ciphertextWithUtf8Key(keys.aesKey)));
    expect(stepOf(d, 'verified').status).toBe('ok');
    expect(failures(d)).toEqual(['aes-key-utf8']);
    expect(stepOf(d, 'aes-key-utf8').message).toContain('24 bytes, AES-192');
    expect(d.plaintext).toBe(SUCCESS);
    expect(d.ok).toBe(false);
    expect(d.answer).toMatchObject({ code: 'DECRYPT_FAILED' });
  });

  it('a 16-character key text: 12 bytes as Base64, 16 as UTF-8', () => {
    const text = 'abcdefghijklmnop';
    const d = run(signedAround(keys, ciphertextWithUtf8Key(text)), { aesKey: text });
    expect(failures(d)).toEqual(['aes-key-utf8']);
  });

  it('a wrong key length, mentioning the UTF-8 mistake', () => {
    const d = run(mint(keys), { aesKey: 'MTIzNDU2Nzg5MDEy' });
    expect(failures(d)).toEqual(['aes-key-length']);
    expect(stepOf(d, 'aes-key-length').message).toMatch(/decodes to 12 bytes.*UTF-8 text it would be 16 bytes/);
  });

  it('a wrong AES key, with the ciphertext vouched for by the signature', () => {
    const d = run(mint(keys), { aesKey: Buffer.alloc(16, 7).toString('base64') });
    expect(failures(d)).toEqual(['wrong-aes-key']);
    expect(stepOf(d, 'wrong-aes-key').message).toContain('authentic');
    expect(d.answer).toMatchObject({ code: 'DECRYPT_FAILED', http: 400 });
  });

  it("a payload encrypted with another app's AES key (an ISV serving several apps)", () => {
    const tamperKeys = {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
      foreignPrivateKey: keys.appPrivateKey,
      foreignAesKey: foreignAesKeyFor(keys.aesKey),
    };
    const d = run(buildTampered('wrong-aes-key', specFor('success', 'standard'), tamperKeys));
    expect(stepOf(d, 'verified').status).toBe('ok');
    expect(failures(d)).toEqual(['wrong-aes-key']);
    expect(stepOf(d, 'wrong-aes-key').message).toContain("another app's key");
  });

  it('an AES key that is not Base64 at all', () => {
    expect(failures(run(mint(keys), { aesKey: 'not a key!' }))).toEqual(['aes-key-not-base64']);
  });

  it('CryptoJS passphrase mode ("Salted__")', () => {
    const d = run(signedAround(keys, passphraseCiphertext(keys.aesKey)));
    expect(failures(d)).toEqual(['passphrase-mode']);
    expect(stepOf(d, 'passphrase-mode').message).toContain('does decrypt with your key text as the passphrase');
  });

  it('an IV prepended to the ciphertext, and a non-zero IV', () => {
    expect(failures(run(signedAround(keys, ivPrependedCiphertext(keys.aesKey))))).toEqual(['iv-prepended']);
    expect(failures(run(signedAround(keys, nonZeroIvCiphertext(keys.aesKey))))).toEqual(['nonzero-iv']);
  });

  it('a plaintext that is not JSON', () => {
    const d = run(signedAround(keys, aesEncrypt('mobile=13800138000', keys.aesKey)));
    expect(failures(d)).toEqual(['plaintext-not-json']);
    expect(stepOf(d, 'plaintext-not-json').message).not.toContain('13800138000');
    expect(d.answer).toMatchObject({ code: 'DECRYPT_FAILED' });
  });
});

describe('missing sign (FAQ Q5)', () => {
  it('40001 应用未设置默认签名类型: encrypted, unsigned → 支付宝公钥 / 应用网关', () => {
    const d = run(mint(keys, '40001-sign-type'));
    expect(failures(d)).toEqual(['missing-sign', 'alipay-error']);
    expect(stepOf(d, 'missing-sign').message).toMatch(/支付宝公钥.*应用网关 are not set/);
    expect(d.answer).toEqual({ accepted: false, http: 400, code: 'SIGNATURE_MISSING', also: ['ALIPAY_MISCONFIGURED'] });
  });

  it('40001 缺少加密配置: the plain nested object → aes 密钥 not set, and the forged-plaintext risk', () => {
    const d = run(mint(keys, '40001-encrypt-key'));
    expect(failures(d)).toEqual(['missing-sign', 'alipay-error']);
    expect(stepOf(d, 'missing-sign').message).toContain('aes 密钥 (接口内容加密方式) is not set');
    expect(stepOf(d, 'plain-unsigned').message).toContain('forged');
    expect(stepOf(d, 'not-encrypted').status).toBe('skip');
    expect(d.outcome?.id).toBe('40001-encrypt-key');
  });

  it('40002 plain and unsigned → the aes 密钥 is unusable', () => {
    expect(stepOf(run(mint(keys, '40002')), 'missing-sign').message).toContain('40002 加密异常');
  });

  it('an encrypted success without sign → 支付宝公钥 or 应用网关 missing', () => {
    const d = run(mint(keys, 'success', 'unsigned'));
    expect(d.ok).toBe(false);
    expect(failures(d)).toEqual(['missing-sign']);
    expect(stepOf(d, 'missing-sign').message).toMatch(/aes 密钥 is set: 支付宝公钥 .* or 应用网关 is missing/);
    expect(d.answer).toEqual({ accepted: false, http: 400, code: 'SIGNATURE_MISSING' });
  });

  it('a forged plain success without sign is never fine', () => {
    const d = run(`{"response":{"code":"10000","msg":"Success","mobile":"13900000000"}}`);
    expect(d.ok).toBe(false);
    expect(findings(d)).toEqual(expect.arrayContaining(['plain-unsigned', 'missing-sign'] satisfies Finding[]));
    expect(d.answer).toMatchObject({ code: 'SIGNATURE_MISSING' });
  });
});

describe('decrypted outcomes', () => {
  const cases = [
    ['40003', 'AUTH_REQUIRED', 403, /无效的授权关系/],
    ['40006', 'ISV_PERMISSION_DENIED', 502, /功能包/],
    ['20000', 'ALIPAY_BUSY', 503, /稍后再试/],
  ] as const;
  it.each(cases)('%s → %s (%i), with the FAQ remedy', (outcome, code, http, remedy) => {
    const d = run(mint(keys, outcome));
    expect(d.ok).toBe(false);
    expect(failures(d)).toEqual(['alipay-error']);
    expect(d.outcome?.id).toBe(outcome);
    expect(d.answer).toEqual({ accepted: false, http, code });
    const s = stepOf(d, 'alipay-error');
    expect(`${s.message} ${s.fix}`).toMatch(remedy);
    expect(s.fix).toContain(code);
  });

  it('an empty mobile → NO_MOBILE_BOUND, a warning rather than a failure', () => {
    const d = run(mint(keys, 'empty-mobile'));
    expect(d.ok).toBe(false);
    expect(failures(d)).toEqual([]);
    expect(stepOf(d, 'empty-mobile').status).toBe('warn');
    expect(d.answer).toEqual({ accepted: false, http: 422, code: 'NO_MOBILE_BOUND' });
  });

  it('masks the middle of a number', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('1-1234432112')).toBe('1-1*****2112');
  });
});

describe('how the payload arrives', () => {
  it('wrapped as the backend body {"encryptedData":"…"}', () => {
    const d = run(JSON.stringify({ encryptedData: mint(keys) }));
    expect(d.ok).toBe(true);
    expect(stepOf(d, 'wrapped-body').status).toBe('ok');
  });

  it('wrapped as an object (the page parsed it): raw bytes are kept, a plain signed response still verifies', () => {
    const body = `{"encryptedData":${mint(keys, '40006', 'plain-signed')}}`;
    const d = run(body);
    expect(stepOf(d, 'wrapped-object').status).toBe('warn');
    expect(stepOf(d, 'verified').status).toBe('ok');
  });

  it('double-encoded (and wrapped then encoded twice): repaired to go on, but a problem', () => {
    const twice = run(JSON.stringify(mint(keys)));
    expect(twice.ok).toBe(false);
    expect(twice.problems).toEqual(['double-encoded']);
    expect(stepOf(twice, 'double-encoded').message).toContain('JSON-encoded twice');
    expect(stepOf(twice, 'verified').status).toBe('ok');
    expect(twice.damage).toEqual({ findings: ['double-encoded'], fineAfterRepair: true });
    expect(twice.answer).toMatchObject({ accepted: false, code: 'BAD_REQUEST' });
    const deeper = run(JSON.stringify(JSON.stringify({ encryptedData: mint(keys) })));
    expect(deeper.ok).toBe(false);
    expect(findings(deeper)).toEqual(expect.arrayContaining(['double-encoded', 'wrapped-body'] satisfies Finding[]));
    // the carrier itself is no damage: {"encryptedData": "<envelope>"} is the default request body
    expect(run(JSON.stringify({ encryptedData: mint(keys) })).damage).toBeUndefined();
  });

  it('the whole res object, event.detail {encryptedData, sign}, and a form body', () => {
    expect(stepOf(run(JSON.stringify({ response: mint(keys) })), 'whole-res-object').status).toBe('warn');
    const env = JSON.parse(mint(keys)) as { response: string; sign: string };
    const detail = run(JSON.stringify({ encryptedData: env.response, sign: env.sign }));
    expect(detail.ok).toBe(true);
    expect(findings(detail)).toContain('event-detail');
    const form = run(`encryptedData=${encodeURIComponent(mint(keys))}`);
    expect(form.ok).toBe(true);
    expect(findings(form)).toContain('url-encoded');
  });

  it('"+" turned into spaces is spotted and repaired to go on, and the payload is not fine', () => {
    const env = mint(keys);
    expect(env).toContain('+');
    const d = run(env.replace(/\+/g, ' '));
    expect(stepOf(d, 'plus-became-space').status).toBe('fail');
    expect(stepOf(d, 'plus-became-space').message).toMatch(/form-encoded without escaping/);
    expect(stepOf(d, 'plus-became-space').fix).toMatch(/escape the body.*read the raw value/);
    expect(stepOf(d, 'verified').status).toBe('ok');
    expect(stepOf(d, 'verified').message).toMatch(/once repaired; as received, it does not$/);
    expect(stepOf(d, 'verified').fix).toMatch(/damaged on its way/);
    expect(d.ok).toBe(false);
    expect(d.problems).toEqual(['plus-became-space']);
    expect(d.damage).toEqual({ findings: ['plus-became-space'], fineAfterRepair: true });
    expect(d.answer).toMatchObject({ accepted: false, code: 'SIGNATURE_INVALID' });
    expect(d.plaintext).toBe(SUCCESS);
  });

  it('a form body whose "+" were not escaped: plus-became-space, exit-worthy', () => {
    const d = run(`encryptedData=${mint(keys)}`);
    expect(findings(d)).toEqual(expect.arrayContaining(['url-encoded', 'plus-became-space'] satisfies Finding[]));
    expect(d.ok).toBe(false);
    expect(d.problems).toEqual(['plus-became-space']);
  });

  it('URL-encoding left in: the whole payload, or its Base64 members', () => {
    const whole = run(encodeURIComponent(mint(keys)));
    expect(whole.problems).toEqual(['percent-encoded']);
    expect(stepOf(whole, 'percent-encoded').step).toBe('input');
    expect(whole.damage).toEqual({ findings: ['percent-encoded'], fineAfterRepair: true });
    expect(whole.answer).toMatchObject({ code: 'BAD_REQUEST' });
    const inner = run(JSON.stringify({ encryptedData: encodeURIComponent(mint(keys)) }));
    expect(inner.problems).toEqual(['percent-encoded']);
    const env = JSON.parse(mint(keys)) as Record<string, string>;
    const members = run(JSON.stringify({ ...env, sign: encodeURIComponent(env.sign ?? '') }));
    expect(stepOf(members, 'percent-encoded').step).toBe('envelope');
    expect(stepOf(members, 'percent-encoded').message).toMatch(/^sign still holds URL escapes/);
    expect(stepOf(members, 'verified').status).toBe('ok');
    expect(members.ok).toBe(false);
    expect(members.answer).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('damage and a real mistake together: the damage is not "the only" problem', () => {
    const d = run(mint(keys).replace(/\+/g, ' '), { alipayPublicKey: keys.appPublicKeyBase64 });
    expect(d.problems).toEqual(['plus-became-space', 'app-key-as-alipay-key', 'wrong-public-key']);
    expect(d.damage).toEqual({ findings: ['plus-became-space'], fineAfterRepair: false });
  });

  it('whitespace around the payload is trimmed', () => {
    expect(run(`\n  ${mint(keys)}  \n`).ok).toBe(true);
  });

  it('not JSON, a bare ciphertext, an envelope without response', () => {
    const notJson = run('{"response": nope');
    expect(failures(notJson)).toEqual(['not-json']);
    expect(notJson.answer).toMatchObject({ code: 'BAD_REQUEST' });
    const ct = (JSON.parse(mint(keys)) as { response: string }).response;
    expect(failures(run(ct))).toEqual(['ciphertext-only']);
    const noResponse = run('{"data":"x"}');
    expect(failures(noResponse)).toEqual(['envelope-invalid']);
    expect(stepOf(noResponse, 'envelope-invalid').message).toContain('members: data');
    expect(failures(run('   '))).toEqual(['empty-input']);
  });
});

describe('robustness', () => {
  it('never throws on damaged payloads, and calls one fine only when its signed parts are intact', () => {
    const env = mint(keys);
    const original = JSON.parse(env) as { response: string; sign: string };
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const damaged: string[] = [];
    for (let cut = 0; cut < env.length; cut += 5) damaged.push(env.slice(0, cut), env.slice(cut));
    for (let i = 0; i < 300; i++) {
      const at = next() % env.length;
      const ch = String.fromCharCode(32 + (next() % 95));
      if (env[at] !== ch) damaged.push(env.slice(0, at) + ch + env.slice(at + 1));
    }
    damaged.push(
      'null',
      '[]',
      '42',
      '"x"',
      '{"response":null}',
      '{"response":"{"}',
      '{"encryptedData":null}',
      '\u0000',
    );
    for (const text of damaged) {
      const d = run(text);
      expect(d.steps.length, text).toBeGreaterThan(0);
      // outside response and sign nothing is signed: a damaged member name may still leave a fine payload
      // (and Base64 ignores the unused low bits of the last character before "=")
      if (d.ok) {
        const got = JSON.parse(text) as { response: string; sign: string };
        expect(got.response).toBe(original.response);
        expect(Buffer.from(got.sign, 'base64').equals(Buffer.from(original.sign, 'base64'))).toBe(true);
      }
    }
  });
});

describe("a team's own request body (field)", () => {
  it('a JSON member, a dot path, and the payload itself as an object', () => {
    const top = diagnose(JSON.stringify({ payload: mint(keys), other: 1 }), { ...all, field: 'payload' });
    expect(top.ok).toBe(true);
    expect(stepOf(top, 'field-taken').message).toBe('took "payload" from the JSON body');
    const nested = diagnose(JSON.stringify({ data: { encrypted: mint(keys) } }), { ...all, field: 'data.encrypted' });
    expect(nested.ok).toBe(true);
    const exact = diagnose(JSON.stringify({ 'data.encrypted': mint(keys) }), { ...all, field: ['data.encrypted'] });
    expect(exact.ok).toBe(true);
    const object = diagnose(`{"data":{"env":${mint(keys, '40006', 'plain-signed')}}}`, { ...all, field: 'data.env' });
    expect(stepOf(object, 'verified').status).toBe('ok');
  });

  it('a form field, decoded as a form parser does: unescaped "+" arrive as spaces', () => {
    const escaped = diagnose(`payload=${encodeURIComponent(mint(keys))}&x=1`, { ...all, field: 'payload' });
    expect(escaped.ok).toBe(true);
    expect(stepOf(escaped, 'field-taken').message).toContain('form-urlencoded body');
    const raw = diagnose(`payload=${mint(keys)}`, { ...all, field: 'payload' });
    expect(raw.problems).toEqual(['plus-became-space']);
    const bracketed = diagnose(`data[encrypted]=${encodeURIComponent(mint(keys))}`, {
      ...all,
      field: 'data.encrypted',
    });
    expect(bracketed.ok).toBe(true);
  });

  it('a field that is not there fails the input step and names what is there', () => {
    const d = diagnose(JSON.stringify({ data: { cipher: 'x' } }), { ...all, field: 'data.encrypted' });
    expect(d.problems).toEqual(['field-missing']);
    expect(stepOf(d, 'field-missing').message).toBe('the JSON body has no "data.encrypted" ("data" has cipher)');
    expect(d.answer).toMatchObject({ code: 'BAD_REQUEST' });
    const number = diagnose('{"payload":42}', { ...all, field: 'payload' });
    expect(stepOf(number, 'field-missing').message).toContain('is a number');
    const form = diagnose('a=1&b=2', { ...all, field: 'payload' });
    expect(stepOf(form, 'field-missing').message).toBe('the form body has no field "payload" (fields: a, b)');
    expect(diagnose('just text', { ...all, field: 'payload' }).problems).toEqual(['field-missing']);
  });
});

describe('the result, for code that matches on it', () => {
  it('diagnose(payload, keys) and diagnose({ envelope, ...keys }) agree', () => {
    expect(diagnose(mint(keys), all)).toEqual(diagnose({ envelope: mint(keys), ...all }));
  });

  it('problems lists each failed finding once, in step order; every finding is a known name', () => {
    const ct = aesEncrypt(SUCCESS, keys.aesKey);
    const d = run(envelopeAround(ct, { content: ct, key: keys.alipayPrivateKey, type: 'RSA2' }));
    expect(d.problems).toEqual(['unquoted-signature']);
    expect(run(mint(keys)).problems).toEqual([]);
    for (const f of findings(d)) expect(FINDINGS).toContain(f);
  });

  it('the JSON shape keeps its documented members in order, adding problems (and damage when repaired)', () => {
    expect(Object.keys(run(mint(keys)))).toEqual(['ok', 'steps', 'problems', 'plaintext', 'outcome', 'answer']);
    const damaged = run(mint(keys).replace(/\+/g, ' '));
    expect(Object.keys(damaged)).toEqual(['ok', 'steps', 'problems', 'damage', 'plaintext', 'outcome', 'answer']);
    for (const s of damaged.steps) {
      expect(Object.keys(s).slice(0, 4)).toEqual(['step', 'status', 'finding', 'message']);
    }
  });
});
