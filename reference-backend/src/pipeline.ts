/**
 * The steps composed: parse → verify → decrypt → interpret, each replaceable (see types.ts PipelineSteps).
 * The order is the point: nothing is decrypted before the signature has been checked.
 */
import { decryptEnvelope } from './decrypt.js';
import { parseEnvelope } from './envelope.js';
import { interpretPlaintext } from './interpret.js';
import type { Outcome, PipelineSteps, StepContext } from './types.js';
import { verifyEnvelope } from './verify.js';

export const referenceSteps: Readonly<PipelineSteps> = {
  parse: parseEnvelope,
  verify: verifyEnvelope,
  decrypt: decryptEnvelope,
  interpret: interpretPlaintext,
};

export function runPipeline(encryptedData: string, steps: PipelineSteps, ctx: StepContext): Outcome {
  const parsed = steps.parse(encryptedData);
  if (!parsed.ok) return parsed;
  const { envelope } = parsed;
  const verified = steps.verify(envelope, ctx);
  if (!verified.ok) return verified;
  const decrypted = steps.decrypt(envelope, ctx);
  if (!decrypted.ok) return decrypted;
  const outcome = steps.interpret(decrypted.plaintext);
  // Unsigned plaintext is readable and writable by anyone: it may report an error, but a 10000 answer
  // (a mobile, or "no mobile bound") from it is never believed (docs/protocol.md, mistake 4).
  if (!verified.verified && !envelope.encrypted && (outcome.ok || outcome.code === 'NO_MOBILE_BOUND')) {
    return {
      ok: false,
      code: 'SIGNATURE_MISSING',
      reason: 'an unsigned plaintext payload cannot carry a phone number',
    };
  }
  return outcome;
}
