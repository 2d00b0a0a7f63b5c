import { describe, expect, it } from 'vitest';
import { defaultKeysDir, loadKeyDir } from '../keys/load-keys.js';
import { EnvelopeCache } from '../model/envelope-cache.js';
import { buildEnvelope, buildEnvelopeAsync } from './envelope.js';
import { OUTCOME_IDS } from './outcomes.js';
import { rsaSign, rsaSignAsync } from './rsa.js';
import { ENVELOPE_VARIANTS, specFor } from './variants.js';

const loaded = loadKeyDir(defaultKeysDir());
if (!loaded.ok) throw new Error(loaded.reason);
const keys = loaded.value;
const envKeys = { aesKey: keys.aesKey, alipayPrivateKey: keys.alipayPrivateKey };

describe('signing on the thread pool', () => {
  it('rsaSignAsync gives the same bytes as rsaSign for RSA2 and RSA', async () => {
    for (const type of ['RSA2', 'RSA'] as const) {
      expect(await rsaSignAsync('"abc=="', keys.alipayPrivateKey, type)).toBe(
        rsaSign('"abc=="', keys.alipayPrivateKey, type),
      );
    }
  });

  it('buildEnvelopeAsync equals buildEnvelope for every outcome × variant', async () => {
    for (const outcome of OUTCOME_IDS) {
      for (const variant of ENVELOPE_VARIANTS) {
        const spec = specFor(outcome, variant, { mobile: '13900001111' });
        expect(await buildEnvelopeAsync(spec, envKeys)).toBe(buildEnvelope(spec, envKeys));
      }
    }
  });
});

describe('EnvelopeCache.getOrBuild', () => {
  it('builds once for concurrent requests of one key, then answers from the cache', async () => {
    const cache = new EnvelopeCache(10);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 10));
      return 'envelope';
    };
    const all = await Promise.all(Array.from({ length: 5 }, () => cache.getOrBuild('k', build)));
    expect(all).toEqual(Array(5).fill('envelope'));
    expect(builds).toBe(1);
    expect(await cache.getOrBuild('k', build)).toBe('envelope');
    expect(builds).toBe(1);
  });

  it('does not cache a failed build, and stays bounded', async () => {
    const cache = new EnvelopeCache(2);
    await expect(cache.getOrBuild('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrBuild('bad', async () => 'ok')).toBe('ok');
    await cache.getOrBuild('a', async () => 'a');
    await cache.getOrBuild('b', async () => 'b');
    expect(cache.size).toBe(2);
  });
});
