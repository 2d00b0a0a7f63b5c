import type { KeyObject } from 'node:crypto';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import {
  buildEnvelope,
  buildTampered,
  type EnvelopeVariant,
  type OutcomeId,
  specFor,
  type Tampering,
} from '../../../mock-gateway/src/protocol/index.js';

/** Mints envelopes with the run's keys, for scenarios that post crafted payloads straight to the backend. */
export interface Minter {
  envelope(options?: { outcome?: OutcomeId; mobile?: string; variant?: EnvelopeVariant; tamper?: Tampering }): string;
  readonly keys: KeyMaterial;
}

/**
 * `foreign` is the gateway's own foreign key pair (`GatewayModel.foreign()`): one per run, generated on first use,
 * the same the gateway's tamper rules sign with.
 */
export function createMinter(keys: KeyMaterial, foreign: () => { privateKey: KeyObject; aesKey: string }): Minter {
  return {
    keys,
    envelope(o = {}) {
      const spec = specFor(
        o.outcome ?? 'success',
        o.variant ?? 'standard',
        o.mobile !== undefined ? { mobile: o.mobile } : {},
      );
      if (o.tamper) {
        const other = foreign();
        return buildTampered(o.tamper, spec, {
          aesKey: keys.aesKey,
          alipayPrivateKey: keys.alipayPrivateKey,
          foreignPrivateKey: other.privateKey,
          foreignAesKey: other.aesKey,
        });
      }
      return buildEnvelope(spec, { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey });
    },
  };
}
