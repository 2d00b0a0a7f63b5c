/**
 * Diagnostic probes: when genuine payloads are refused, a few payloads built to test one hypothesis each tell why —
 * signed over the bare ciphertext (no quotes), signed with the app's own key, encrypted with the AES key's text as
 * the key. A backend that accepts one of them has exactly that mistake.
 */
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { aesEncryptWithKey } from '../../../mock-gateway/src/protocol/aes.js';
import { assembleEnvelope, buildEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import { specFor } from '../../../mock-gateway/src/protocol/index.js';
import { rsaSign } from '../../../mock-gateway/src/protocol/rsa.js';
import type { Verdict } from '../core/types.js';
import type { ProbeId, ProbeResults } from './types.js';

/** Sends one probe payload (exactly what my.getPhoneNumber would give a page) the way the page sends it. */
export type ProbeSender = (envelope: string, label: string) => Promise<Verdict>;

/** The probe payloads: each a genuine success payload with one deliberate mistake in how it was made. */
export function probePayloads(keys: KeyMaterial): Record<ProbeId, string> {
  const spec = specFor('success', 'standard', {});
  const ct = aesEncryptWithKey(spec.plaintext, Buffer.from(keys.aesKey, 'base64'));
  const textKey = Buffer.from(keys.aesKey, 'utf8');
  const utf8Ct = [16, 24, 32].includes(textKey.length) ? aesEncryptWithKey(spec.plaintext, textKey) : undefined;
  return {
    'unquoted-signature': assembleEnvelope(JSON.stringify(ct), spec, rsaSign(ct, keys.alipayPrivateKey)),
    'app-key-signature': buildEnvelope(spec, { aesKey: keys.aesKey, alipayPrivateKey: keys.appPrivateKey }),
    'utf8-aes-key': utf8Ct
      ? assembleEnvelope(JSON.stringify(utf8Ct), spec, rsaSign(`"${utf8Ct}"`, keys.alipayPrivateKey))
      : '',
  };
}

const LABELS: Record<ProbeId, string> = {
  'unquoted-signature': 'diagnosis probe: signed over the bare ciphertext (no quotes)',
  'app-key-signature': "diagnosis probe: signed with the app's own private key",
  'utf8-aes-key': "diagnosis probe: encrypted with the AES key's text as the key",
};

/** Sends the probes that apply; a probe that cannot be sent counts as refused. */
export async function runProbes(keys: KeyMaterial, send: ProbeSender, which: ProbeId[]): Promise<ProbeResults> {
  const payloads = probePayloads(keys);
  const results: ProbeResults = {};
  for (const id of which) {
    if (payloads[id] === '') continue;
    try {
      const v = await send(payloads[id], LABELS[id]);
      results[id] = v.kind === 'accepted' ? 'accepted' : 'refused';
    } catch {
      results[id] = 'refused';
    }
  }
  return results;
}
