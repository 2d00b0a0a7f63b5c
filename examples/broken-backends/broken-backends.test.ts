import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectationFor } from '../../harness/src/scenario/types.js';
import { foreignAesKeyFor } from '../../mock-gateway/src/protocol/tamper.js';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { allScenarios } from '../../scenarios/index.js';
import { FAQ_CASES, type FaqCase, judge, SIMULATED_SECURITY_CASES } from '../test-support/faq-cases.js';
import {
  alterKeepingPadding,
  breakPadding,
  generateTestKeys,
  makeEnvelope,
  PLAINTEXTS,
  phoneRequest,
  signText,
} from '../test-support/make-envelope.js';
import { FAQ_SCENARIO_IDS } from './broken-backend.js';
import { BROKEN_BACKEND_NAMES, type BrokenBackendOptions, brokenBackends } from './index.js';

const keys = generateTestKeys();
const MOBILE = '13912345678';
const options: BrokenBackendOptions = {
  alipayPublicKey: keys.alipayPublicKeyBase64,
  aesKey: keys.aesKey,
  appPublicKey: keys.appPublicKeyBase64,
};
const ALL_CASES: readonly FaqCase[] = [...FAQ_CASES, ...SIMULATED_SECURITY_CASES];
const SCENARIO_IDS = allScenarios.map((s) => s.id);

const apps = new Map<string, FastifyInstance>();
function backend(name: string): FastifyInstance {
  let app = apps.get(name);
  if (app === undefined) {
    app = name === 'reference' ? buildReferenceBackend(options) : brokenBackends[name]!.build(options);
    apps.set(name, app);
  }
  return app;
}
afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.close()));
});

async function runCase(app: FastifyInstance, c: FaqCase): Promise<boolean> {
  const envelope = c.envelope(keys, MOBILE);
  if (envelope === undefined) return judge(c.expect, undefined, MOBILE);
  const res = await app.inject(phoneRequest(envelope));
  return judge(c.expect, { statusCode: res.statusCode, body: res.body }, MOBILE);
}

async function post(name: string, envelope: string) {
  const res = await backend(name).inject(phoneRequest(envelope));
  let body: Record<string, unknown> | undefined;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body, code: (body?.error as { code?: string } | undefined)?.code };
}

describe('the registry', () => {
  it('has at least 18 broken backends, with kebab-case names and the required set', () => {
    expect(BROKEN_BACKEND_NAMES.length).toBeGreaterThanOrEqual(18);
    for (const required of [
      'no-quotes',
      'app-public-key',
      'code-ignored',
      'empty-mobile-accepted',
      'missing-sign-accepted',
      'crash-on-missing-sign',
      'busy-not-retryable',
      'auth-as-generic',
      'isv-as-auth',
      'utf8-aes-key',
      'plaintext-trusted',
      'decrypt-before-verify',
      'verify-ignored',
      'isv-any-app-key',
      'crash-on-malformed',
      'dies-on-huge-body',
      'duplicate-key-confusion',
      'proto-pollution',
    ]) {
      expect(BROKEN_BACKEND_NAMES).toContain(required);
    }
    for (const name of BROKEN_BACKEND_NAMES) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every caughtBy id is a scenario id, listed once in suite order, and every backend is caught by something', () => {
    for (const [name, b] of Object.entries(brokenBackends)) {
      expect(b.caughtBy.length, name).toBeGreaterThan(0);
      for (const id of b.caughtBy) expect(SCENARIO_IDS, `${name}: ${id}`).toContain(id);
      const inSuiteOrder = SCENARIO_IDS.filter((id) => b.caughtBy.includes(id));
      expect(b.caughtBy, `${name}: caughtBy in suite order, no duplicates`).toEqual(inSuiteOrder);
      expect(b.mistake).toMatch(/^docs\/protocol\.md mistake \d+: /);
    }
  });

  it('every security scenario that can fail is caught by at least one broken backend', () => {
    const caught = new Set(Object.values(brokenBackends).flatMap((b) => b.caughtBy));
    const security = allScenarios.filter((s) => s.group === 'security');
    const canFail = security.filter((s) => expectationFor(s, { requireSignature: true }).kind !== 'informational');
    expect(canFail.length).toBe(security.length - 1); // sec-replay-other-session is informational
    for (const s of canFail) expect(caught.has(s.id), s.id).toBe(true);
  });

  it('the simulated cases cover every FAQ scenario id', () => {
    expect(FAQ_CASES.map((c) => c.id)).toEqual([...FAQ_SCENARIO_IDS]);
    for (const c of SIMULATED_SECURITY_CASES) expect(SCENARIO_IDS).toContain(c.id);
  });
});

describe('the reference backend passes every simulated case', () => {
  it.each(ALL_CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    expect(await runCase(backend('reference'), c)).toBe(true);
  });
});

describe('caughtBy is exact: listed cases fail, every other case passes', () => {
  const rows = BROKEN_BACKEND_NAMES.flatMap((name) => ALL_CASES.map((c) => [name, c.id, c] as const));
  it.each(rows)('%s × %s', async (name, id, c) => {
    const caught = brokenBackends[name]!.caughtBy.includes(id);
    expect(await runCase(backend(name), c)).toBe(!caught);
  });
});

describe('each bug, shown directly', () => {
  const success = () => makeEnvelope(PLAINTEXTS.success(MOBILE), keys);

  it('no-quotes: rejects genuine payloads, accepts a signature over the bare ciphertext', async () => {
    expect((await post('no-quotes', success())).code).toBe('SIGNATURE_INVALID');
    const genuine = JSON.parse(success());
    const unquoted = JSON.stringify({ ...genuine, sign: signText(genuine.response, keys.alipayPrivateKey) });
    expect(await post('no-quotes', unquoted)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    expect((await post('reference', unquoted)).code).toBe('SIGNATURE_INVALID');
  });

  it('app-public-key: rejects genuine payloads, accepts one signed with the app key; needs appPublicKey', async () => {
    expect((await post('app-public-key', success())).code).toBe('SIGNATURE_INVALID');
    const appSigned = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signingKey: keys.appPrivateKey });
    expect(await post('app-public-key', appSigned)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    const { appPublicKey: _omit, ...withoutAppKey } = options;
    expect(() => brokenBackends['app-public-key']!.build(withoutAppKey)).toThrow(/appPublicKey/);
  });

  it('code-ignored: 40003 and 40006 come back as 200 with an empty mobile; success still works', async () => {
    for (const plaintext of [PLAINTEXTS.invalidAuth, PLAINTEXTS.isvPermission, PLAINTEXTS.busy]) {
      expect(await post('code-ignored', makeEnvelope(plaintext, keys))).toMatchObject({
        status: 200,
        body: { mobile: '' },
      });
    }
    expect(await post('code-ignored', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('empty-mobile-accepted: 10000 with "" → 200; other codes mapped right', async () => {
    expect(await post('empty-mobile-accepted', makeEnvelope(PLAINTEXTS.emptyMobile, keys))).toMatchObject({
      status: 200,
      body: { mobile: '' },
    });
    expect((await post('empty-mobile-accepted', makeEnvelope(PLAINTEXTS.invalidAuth, keys))).code).toBe(
      'AUTH_REQUIRED',
    );
    expect(await post('empty-mobile-accepted', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('missing-sign-accepted: an unsigned 10000 is accepted, and so is a forged plaintext', async () => {
    const unsigned = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false });
    expect(await post('missing-sign-accepted', unsigned)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    const forged = makeEnvelope(PLAINTEXTS.success('13111111111'), keys, { signed: false, encrypted: false });
    expect(await post('missing-sign-accepted', forged)).toMatchObject({ status: 200, body: { mobile: '13111111111' } });
    expect(await post('missing-sign-accepted', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('crash-on-missing-sign: a bare 500 without the contract body; signed payloads fine', async () => {
    const res = await post('crash-on-missing-sign', makeEnvelope(PLAINTEXTS.missingSignType, keys, { signed: false }));
    expect(res.status).toBe(500);
    expect(typeof res.body?.error).not.toBe('object'); // no { error: { code, message } }
    expect(await post('crash-on-missing-sign', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    expect((await backend('crash-on-missing-sign').inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('busy-not-retryable: 20000 → 502 ALIPAY_MISCONFIGURED', async () => {
    expect(await post('busy-not-retryable', makeEnvelope(PLAINTEXTS.busy, keys))).toMatchObject({
      status: 502,
      code: 'ALIPAY_MISCONFIGURED',
    });
    expect(await post('busy-not-retryable', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('auth-as-generic: 40003 → 400 BAD_REQUEST', async () => {
    expect(await post('auth-as-generic', makeEnvelope(PLAINTEXTS.invalidAuth, keys))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
    expect(await post('auth-as-generic', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('isv-as-auth: 40006 → 403 AUTH_REQUIRED', async () => {
    expect(await post('isv-as-auth', makeEnvelope(PLAINTEXTS.isvPermission, keys))).toMatchObject({
      status: 403,
      code: 'AUTH_REQUIRED',
    });
    expect(await post('isv-as-auth', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('utf8-aes-key: every genuine payload → DECRYPT_FAILED (the key is 24 UTF-8 bytes)', async () => {
    expect(keys.aesKey).toHaveLength(24);
    for (const plaintext of [PLAINTEXTS.success(MOBILE), PLAINTEXTS.invalidAuth, PLAINTEXTS.busy]) {
      expect((await post('utf8-aes-key', makeEnvelope(plaintext, keys))).code).toBe('DECRYPT_FAILED');
    }
  });

  it('plaintext-trusted: a forged unsigned plaintext (object or string) is accepted; ciphertext still verified', async () => {
    for (const plainAs of ['object', 'string'] as const) {
      const forged = makeEnvelope(PLAINTEXTS.success('13111111111'), keys, {
        signed: false,
        encrypted: false,
        plainAs,
      });
      expect(await post('plaintext-trusted', forged)).toMatchObject({ status: 200, body: { mobile: '13111111111' } });
    }
    const unsigned = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false });
    expect((await post('plaintext-trusted', unsigned)).code).toBe('SIGNATURE_MISSING');
    expect(await post('plaintext-trusted', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('decrypt-before-verify: bad padding and good padding get different answers (an oracle)', async () => {
    const bad = await post('decrypt-before-verify', breakPadding(success()));
    const good = await post('decrypt-before-verify', alterKeepingPadding(success()));
    expect(bad.code).toBe('DECRYPT_FAILED');
    expect(good.code).toBe('SIGNATURE_INVALID');
    expect(await post('decrypt-before-verify', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('verify-ignored: any sign string passes; a missing sign is still refused; altered ciphertexts get decrypted', async () => {
    const foreign = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signingKey: keys.appPrivateKey });
    expect(await post('verify-ignored', foreign)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    expect((await post('reference', foreign)).code).toBe('SIGNATURE_INVALID');
    const junk = JSON.stringify({ ...JSON.parse(success()), sign: 'AAAA' });
    expect(await post('verify-ignored', junk)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    const unsigned = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false });
    expect((await post('verify-ignored', unsigned)).code).toBe('SIGNATURE_MISSING');
    expect((await post('verify-ignored', breakPadding(success()))).code).toBe('DECRYPT_FAILED');
    expect((await post('reference', breakPadding(success()))).code).toBe('SIGNATURE_INVALID');
  });

  it("isv-any-app-key: a payload encrypted with the other app's key is accepted; an unknown key is not", async () => {
    const otherApp = makeEnvelope(PLAINTEXTS.success('13122223333'), keys, {
      encryptKey: foreignAesKeyFor(keys.aesKey),
    });
    expect(await post('isv-any-app-key', otherApp)).toMatchObject({ status: 200, body: { mobile: '13122223333' } });
    expect((await post('reference', otherApp)).code).toBe('DECRYPT_FAILED');
    const unknownKey = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { encryptKey: generateTestKeys().aesKey });
    expect((await post('isv-any-app-key', unknownKey)).code).toBe('DECRYPT_FAILED');
    expect(await post('isv-any-app-key', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('crash-on-malformed: malformed bodies and envelopes → bare 500; well-formed ones → the reference answers', async () => {
    const raw = (payload: string) =>
      backend('crash-on-malformed').inject({
        method: 'POST',
        url: '/api/alipay/phone',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    for (const payload of ['hello', '[1,2,3]', '{}', '{"encryptedData":42}', JSON.stringify({ encryptedData: 'x' })]) {
      const res = await raw(payload);
      expect(res.statusCode, payload).toBe(500);
      expect(res.body, payload).not.toContain('"code"');
    }
    expect((await post('crash-on-malformed', '{"response":12345}')).status).toBe(500);
    expect((await post('reference', '{"response":12345}')).code).toBe('BAD_REQUEST');
    expect(await post('crash-on-malformed', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    const plain = makeEnvelope(PLAINTEXTS.missingEncryptKey, keys, { signed: false, encrypted: false });
    expect(await post('crash-on-malformed', plain)).toEqual(await post('reference', plain));
  });

  it('dies-on-huge-body: over its limit → bare 500, where the reference answers 413 BAD_REQUEST', async () => {
    const small = { ...options, bodyLimit: 4096 };
    const broken = brokenBackends['dies-on-huge-body']!.build(small);
    const reference = buildReferenceBackend(small);
    try {
      const big = phoneRequest('A'.repeat(8192));
      const res = await broken.inject(big);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('"code"');
      const ref = await reference.inject(big);
      expect(ref.statusCode).toBe(413);
      expect(ref.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      expect((await broken.inject(phoneRequest(success()))).json()).toEqual({ mobile: MOBILE });
    } finally {
      await Promise.all([broken.close(), reference.close()]);
    }
  });

  it('duplicate-key-confusion: a second "response" after a genuine signed one is decrypted and accepted', async () => {
    const genuine = makeEnvelope(PLAINTEXTS.invalidAuth, keys);
    const forged = JSON.parse(makeEnvelope(PLAINTEXTS.success('13144445555'), keys)).response as string;
    const smuggled = genuine.replace(/}$/, `,"response":${JSON.stringify(forged)}}`);
    expect(await post('duplicate-key-confusion', smuggled)).toMatchObject({
      status: 200,
      body: { mobile: '13144445555' },
    });
    expect((await post('reference', smuggled)).code).toBe('BAD_REQUEST');
    expect((await post('duplicate-key-confusion', genuine)).code).toBe('AUTH_REQUIRED');
    expect(await post('duplicate-key-confusion', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });

  it('proto-pollution: an envelope with __proto__ → bare 500 (the frozen prototype refuses the write)', async () => {
    const poisoned = '{"__proto__":{"sign":"x"},"response":"YWJj"}';
    const res = await post('proto-pollution', poisoned);
    expect(res.status).toBe(500);
    expect(res.code).toBeUndefined();
    expect(({} as Record<string, unknown>).sign).toBeUndefined(); // the test process is not polluted
    expect((await post('reference', poisoned)).code).toBe('SIGNATURE_MISSING');
    expect(await post('proto-pollution', success())).toMatchObject({ status: 200, body: { mobile: MOBILE } });
    const rsa = makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signType: 'RSA' });
    expect(await post('proto-pollution', rsa)).toMatchObject({ status: 200, body: { mobile: MOBILE } });
  });
});

describe('with requireSignature: false', () => {
  let lax: FastifyInstance;
  beforeAll(() => {
    lax = brokenBackends['missing-sign-accepted']!.build({ ...options, requireSignature: false });
  });
  afterAll(() => lax.close());

  it('broken backends honour the option like the reference (unsigned encrypted success accepted)', async () => {
    const res = await lax.inject(phoneRequest(makeEnvelope(PLAINTEXTS.success(MOBILE), keys, { signed: false })));
    expect(res.json()).toEqual({ mobile: MOBILE });
  });
});

describe('README.md', () => {
  it('has one table row per backend, listing exactly its caughtBy ids', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const [name, b] of Object.entries(brokenBackends)) {
      const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`).test(line));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').slice(1, -1);
      const listed = [...(cells.at(-1) ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
      expect(listed, name).toEqual([...b.caughtBy]);
    }
  });
});
