/**
 * The vectors agree with the harness: the reference backend (which passes every scenario) gives each vector its
 * expected answer, judged by the harness's verdict rules; the harness's judge passes that answer under the vector's
 * scenario; and the broken backends fail vectors only where `alimock run` catches them too.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenBackends } from '../../../examples/broken-backends/index.js';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { buildReferenceBackend } from '../../../reference-backend/src/app.js';
import { judge, verdictOf } from '../run/judge.js';
import { expectationFor } from '../scenario/types.js';
import { defaultContract } from '../target/contract.js';
import { vectorCatalogue } from './catalogue.js';
import { generateVectors } from './generate-vectors.js';
import { type BackendAnswer, vectorMismatch } from './vector-answer.js';
import type { TestVector } from './vector-types.js';

let keys: KeyMaterial;
let vectors: TestVector[];
beforeAll(() => {
  keys = resolveKeys(undefined);
  vectors = generateVectors(keys).vectors;
});

async function answer(app: FastifyInstance, envelope: string): Promise<BackendAnswer> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/alipay/phone',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ encryptedData: envelope }),
  });
  return { status: res.statusCode, body: res.body };
}

const options = () => ({
  alipayPublicKey: keys.alipayPublicKey,
  aesKey: keys.aesKey,
  appPublicKey: keys.appPublicKey,
  requireSignature: true,
});

describe('the reference backend gives every vector its expected answer', () => {
  it('all vectors', async () => {
    const app = buildReferenceBackend(options());
    const wrong: string[] = [];
    for (const v of vectors) {
      const mismatch = vectorMismatch(v, await answer(app, v.envelope));
      if (mismatch) wrong.push(mismatch);
    }
    expect(wrong).toEqual([]);
  });

  it("the harness's judge passes the same answers under each vector's scenario", async () => {
    const app = buildReferenceBackend(options());
    for (const [i, def] of vectorCatalogue.entries()) {
      if (!('scenario' in def.expect)) continue;
      const v = vectors[i] as TestVector;
      const res = await answer(app, v.envelope);
      const exchange = { request: { method: 'POST', url: '/api/alipay/phone' }, response: res, durationMs: 0 };
      const failures = judge({
        expected: expectationFor(def.expect.scenario, { requireSignature: true }),
        verdict: verdictOf(exchange, defaultContract),
        issuedMobile: v.expect.verdict === 'accepted' ? v.expect.mobile : '',
        exchange,
        cause: def.expect.scenario.cause,
      });
      expect(failures, v.id).toEqual([]);
    }
  });
});

describe('broken backends: a vector fails only where alimock run catches the same bug', () => {
  for (const [name, broken] of Object.entries(brokenBackends)) {
    it(name, async () => {
      const app = broken.build(options());
      const failedScenarios = new Set<string>();
      const failedVectors: string[] = [];
      for (const [i, def] of vectorCatalogue.entries()) {
        const v = vectors[i] as TestVector;
        if (vectorMismatch(v, await answer(app, v.envelope)) === undefined) continue;
        failedVectors.push(v.id);
        if ('scenario' in def.expect) failedScenarios.add(def.expect.scenario.id);
      }
      // every scenario a failing vector stands for is one the harness catches this backend with …
      for (const id of failedScenarios) expect(broken.caughtBy, `${name} fails a ${id} vector`).toContain(id);
      // … and a backend the harness catches with a scenario some vector stands for fails a vector too
      const vectorScenarios = vectorCatalogue.flatMap((d) => ('scenario' in d.expect ? [d.expect.scenario.id] : []));
      if (broken.caughtBy.some((id) => vectorScenarios.includes(id))) {
        expect(failedVectors.length, `${name} passes every vector`).toBeGreaterThan(0);
      }
    });
  }
});
