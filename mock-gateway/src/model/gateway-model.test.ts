import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveKeys } from '../app.js';
import { systemClock } from './clock.js';
import { createGatewayModel } from './gateway-model.js';

describe('the foreign key (payloads signed by another party)', () => {
  it('is parsed once per process and shared by every gateway; the AES key stays each app’s own foreign key', () => {
    const keys = resolveKeys(undefined);
    const a = createGatewayModel({ keys, clock: systemClock }).foreign();
    const b = createGatewayModel({ keys, clock: systemClock }).foreign();
    expect(b.privateKey).toBe(a.privateKey);
    expect(a.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // never the gateway's own signing key: a payload signed with it must fail verification
    const pem = (k: Parameters<typeof createPublicKey>[0]) =>
      createPublicKey(k).export({ type: 'spki', format: 'pem' });
    expect(pem(a.privateKey)).not.toBe(pem(keys.alipayPrivateKey));
    expect(a.aesKey).not.toBe(keys.aesKey);
  });
});
