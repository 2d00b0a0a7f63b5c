/**
 * The vectors are the scenarios' payloads: each FAQ vector is byte for byte what the mock gateway issues for its
 * scenario's cause (the model's cause → outcome rule), and each malformed vector is one of its scenario's probes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { AppSettings } from '../../../mock-gateway/src/model/app-schema.js';
import { defaultApp } from '../../../mock-gateway/src/model/apps.js';
import { resolveOutcome } from '../../../mock-gateway/src/model/resolve-outcome.js';
import {
  buildEnvelope,
  foreignAesKeyFor,
  type OutcomeId,
  plaintextFor,
  specFor,
} from '../../../mock-gateway/src/protocol/index.js';
import { createMinter } from '../scenario/minter.js';
import type { ScenarioDefinition } from '../scenario/types.js';
import { faqVectors } from './faq-vectors.js';
import { foreignPrivateKey } from './foreign-key.js';
import { malformedVectors } from './malformed-vectors.js';
import { createVectorKit, type VectorKit } from './vector-kit.js';

let keys: KeyMaterial;
let kit: VectorKit;
beforeAll(() => {
  keys = resolveKeys(undefined);
  kit = createVectorKit(keys, 1);
});

const scenarioOf = (def: { expect: object }): ScenarioDefinition => {
  if (!('scenario' in def.expect)) throw new Error('vector without a scenario');
  return def.expect.scenario as ScenarioDefinition;
};

/** What the gateway issues for a FAQ scenario's givens (a member who tapped 允许, unless the scenario says otherwise). */
function issuedFor(scenario: ScenarioDefinition, mobile: string): string {
  let app: AppSettings = defaultApp('2021000000000001');
  let member = mobile;
  let consent: 'allow' | 'none' = 'allow';
  let injected: OutcomeId | undefined;
  for (const given of scenario.given) {
    if ('app' in given) app = { ...app, ...given.app };
    else if ('member' in given) member = given.member.noMobile ? '' : (given.member.mobile ?? mobile);
    else if ('consent' in given) consent = given.consent;
    else if (given.rule.action.kind === 'outcome') injected = given.rule.action.outcome;
  }
  const envelopeKeys = { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey };
  if (injected) return buildEnvelope(specFor(injected, 'default', { mobile: member }), envelopeKeys);
  const user = { userId: '2088000000000001', openId: 'o', mobile: member, nickName: 'n' };
  const r = resolveOutcome(
    app,
    user,
    consent === 'allow' ? { decision: 'allow', at: 0, expiresAt: null } : undefined,
    0,
  );
  const spec = {
    plaintext: plaintextFor(r.outcome, member),
    encrypt: r.encrypt,
    sign: r.sign,
    form: app.envelopeForm,
    signType: app.signType ?? 'RSA2',
  };
  return buildEnvelope(spec, envelopeKeys);
}

describe('FAQ vectors are what the gateway issues for their scenario', () => {
  for (const def of faqVectors) {
    it(def.id, () => {
      expect(def.build(kit)).toBe(issuedFor(scenarioOf(def), kit.mobile));
    });
  }
});

describe("malformed vectors are their scenario's probes", () => {
  for (const def of malformedVectors) {
    it(def.id, () => {
      const minter = createMinter(keys, () => ({
        privateKey: foreignPrivateKey(),
        aesKey: foreignAesKeyFor(keys.aesKey),
      }));
      const probes: string[] = [];
      for (const step of scenarioOf(def).steps) {
        if (step.do === 'post-envelope') {
          probes.push(typeof step.envelope === 'function' ? step.envelope(minter) : step.envelope);
          continue;
        }
        if (step.do !== 'post-raw') continue;
        const body = typeof step.body === 'function' ? step.body(minter) : step.body;
        if (typeof body !== 'string') continue;
        try {
          const parsed = JSON.parse(body) as { encryptedData?: unknown };
          if (typeof parsed.encryptedData === 'string') probes.push(parsed.encryptedData);
        } catch {
          // not a JSON body: not an envelope probe
        }
      }
      expect(probes).toContain(def.build(kit));
    });
  }
});
