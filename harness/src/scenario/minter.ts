import { generateKeyPairSync } from 'node:crypto';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import {
  buildEnvelope,
  buildTampered,
  type EnvelopeVariant,
  foreignAesKeyFor,
  type OutcomeId,
  specFor,
  type Tampering,
} from '../../../mock-gateway/src/protocol/index.js';

/** Mints envelopes with the run's keys, for scenarios that post crafted payloads straight to the backend. */
export interface Minter {
  envelope(options?: { outcome?: OutcomeId; mobile?: string; variant?: EnvelopeVariant; tamper?: Tampering }): string;
  readonly keys: KeyMaterial;
}

let foreignKey: ReturnType<typeof generateKeyPairSync>['privateKey'] | undefined;

export function createMinter(keys: KeyMaterial): Minter {
  return {
    keys,
    envelope(o = {}) {
      const spec = specFor(
        o.outcome ?? 'success',
        o.variant ?? 'standard',
        o.mobile !== undefined ? { mobile: o.mobile } : {},
      );
      if (o.tamper) {
        foreignKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        return buildTampered(o.tamper, spec, {
          aesKey: keys.aesKey,
          alipayPrivateKey: keys.alipayPrivateKey,
          foreignPrivateKey: foreignKey,
          foreignAesKey: foreignAesKeyFor(keys.aesKey),
        });
      }
      return buildEnvelope(spec, { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey });
    },
  };
}
