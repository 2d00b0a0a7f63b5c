import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { writeKeySet } from '../../../mock-gateway/src/keys/generate-keys.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { loadKeyDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { OUTCOME_IDS, openEnvelope, plaintextFor } from '../../../mock-gateway/src/protocol/index.js';
import { testKeySet } from '../../../mock-gateway/src/test-support/key-sets.js';
import { CONTRACT_CODES } from '../target/contract.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { vectorCatalogue } from './catalogue.js';
import { generateVectors, serialiseVectors } from './generate-vectors.js';
import { seededMobile } from './vector-kit.js';
import { VECTORS_SCHEMA } from './vectors-schema.js';

const dirs = tempDirs('vectors');
let keys: KeyMaterial;
beforeAll(() => {
  keys = resolveKeys(undefined);
});
afterAll(() => dirs.cleanup());

describe('generateVectors', () => {
  it('is deterministic: the same keys and seed give the same bytes', () => {
    expect(serialiseVectors(generateVectors(keys, { seed: 5 }))).toBe(
      serialiseVectors(generateVectors(keys, { seed: 5 })),
    );
  });

  it('the seed chooses the mobile, and so the ciphertexts', () => {
    const a = generateVectors(keys, { seed: 1 });
    const b = generateVectors(keys, { seed: 2 });
    expect(seededMobile(1)).not.toBe(seededMobile(2));
    expect(seededMobile(1)).toMatch(/^1[3-9]\d{9}$/);
    const success = (f: typeof a) => f.vectors.find((v) => v.id === 'faq1-success');
    expect(success(a)?.expect).toEqual({ verdict: 'accepted', mobile: seededMobile(1) });
    expect(success(b)?.expect).toEqual({ verdict: 'accepted', mobile: seededMobile(2) });
    expect(success(a)?.envelope).not.toBe(success(b)?.envelope);
  });

  it('carries the keys as the console shows them', () => {
    const file = generateVectors(keys);
    expect(file.keys).toEqual({ alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey });
  });

  it('is valid against its JSON Schema, and the schema rejects a code outside the contract', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(VECTORS_SCHEMA);
    const file = generateVectors(keys);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(file);
    bad.vectors[1] = { ...file.vectors[1]!, expect: { verdict: 'rejected', codes: ['OOPS' as never] } };
    expect(validate(bad)).toBe(false);
  });

  it('ids are unique and every code is a contract code', () => {
    const file = generateVectors(keys);
    const ids = file.vectors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(vectorCatalogue.length);
    for (const v of file.vectors) {
      if (v.expect.verdict === 'rejected') for (const c of v.expect.codes) expect(CONTRACT_CODES).toContain(c);
    }
  });

  it('has one vector per FAQ outcome: each decrypts (when signed and encrypted) to the catalogue plaintext', () => {
    const file = generateVectors(keys);
    const plaintexts = file.vectors
      .filter((v) => v.id.startsWith('faq'))
      .map((v) => openEnvelope(v.envelope, { aesKey: keys.aesKey }))
      .map((o) => (o.ok ? o.value.plaintext : undefined));
    const mobile = seededMobile(1);
    for (const outcome of OUTCOME_IDS) expect(plaintexts).toContain(plaintextFor(outcome, mobile));
  });

  it('works with another key set (alimock keys): its keys, and the payloads verify with them', () => {
    const dir = dirs.make();
    const written = writeKeySet(dir, testKeySet(), { force: false });
    expect(written.ok).toBe(true);
    const other = loadKeyDir(dir);
    if (!other.ok) throw new Error(other.reason);
    const file = generateVectors(other.value);
    expect(file.keys.alipayPublicKey).toBe(other.value.alipayPublicKeyBase64);
    expect(file.keys.alipayPublicKey).not.toBe(keys.alipayPublicKeyBase64);
    const success = file.vectors.find((v) => v.id === 'faq1-success');
    const opened = openEnvelope(success?.envelope ?? '', {
      alipayPublicKey: other.value.alipayPublicKey,
      aesKey: other.value.aesKey,
    });
    expect(opened.ok && opened.value.verified).toBe(true);
  });
});
