/**
 * Broken backend `isv-any-app-key`.
 * Bug: an ISV backend serving several mini-programs holds one AES key per app and, instead of picking the key of
 * the app the request is for, tries every key it holds until one yields JSON. A payload encrypted for another app
 * (and another app's user) is decrypted and its phone number accepted. The keys it holds: the app's own key and
 * "another app's" key, `foreignAesKeyFor(own key)` — the key the mock gateway uses for the `wrong-aes-key`
 * tampering (mock-gateway/src/protocol/tamper.ts), so the bug shows up against the mock.
 * docs/protocol.md, mistake 10 (in ISV mode, decrypting with the wrong app's AES key).
 * Caught by: sec-other-app-aes-key only (accepted instead of DECRYPT_FAILED). The signature is still verified
 * first, and payloads for the app itself decrypt with its own key: every FAQ scenario passes.
 */
import { foreignAesKeyFor } from '../../mock-gateway/src/protocol/tamper.js';
import { buildReferenceBackend } from '../../reference-backend/src/app.js';
import { aesCbcDecrypt } from '../../reference-backend/src/decrypt.js';
import { parsePayload } from '../../reference-backend/src/interpret.js';
import type { DecryptResult, Envelope, StepContext } from '../../reference-backend/src/types.js';
import type { BrokenBackend } from './broken-backend.js';

/** The AES keys this ISV backend holds: its app's own, then another app's. */
export function heldAesKeys(ctx: StepContext): Buffer[] {
  return [ctx.aesKey, Buffer.from(foreignAesKeyFor(ctx.aesKeyText), 'base64')];
}

export function decryptWithAnyAppKey(envelope: Envelope, ctx: StepContext): DecryptResult {
  if (!envelope.encrypted) return { ok: true, plaintext: envelope.content };
  // BUG: the key should be chosen by the app the request is for; this takes the first key that "works".
  for (const key of heldAesKeys(ctx)) {
    const plaintext = aesCbcDecrypt(envelope.content, key);
    if (plaintext !== undefined && parsePayload(plaintext).ok) return { ok: true, plaintext };
  }
  return { ok: false, code: 'DECRYPT_FAILED', reason: 'the payload could not be decrypted with any app AES key' };
}

export const isvAnyAppKey: BrokenBackend = {
  description: "an ISV backend that tries every app's AES key it holds until one decrypts",
  mistake: "docs/protocol.md mistake 10: in ISV mode, decrypting with the wrong app's AES key",
  caughtBy: ['sec-other-app-aes-key'],
  build: (options) => buildReferenceBackend({ ...options, steps: { decrypt: decryptWithAnyAppKey } }),
};
