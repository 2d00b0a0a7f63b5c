/**
 * `diagnose`: walks the official server algorithm (PROTOCOL §3 step 4) over a payload a backend received and the
 * keys it uses, and says at which step and why it fails. Pure: text in, a Diagnosis out (no I/O, no clock).
 *
 * Order of the steps: input → envelope → sign → keys → verify → decrypt → plaintext. Unlike a backend, the doctor
 * goes on decrypting after a failed signature, to say everything it can (a backend must stop there).
 */
import { checkDecryption } from './check-decryption.js';
import { checkEnvelope } from './check-envelope.js';
import { checkKeys } from './check-keys.js';
import { checkPlaintext, rejection } from './check-plaintext.js';
import { checkSignature } from './check-signature.js';
import { readInput } from './read-input.js';
import { signPresenceStep } from './sign-presence.js';
import type { BackendAnswer, DiagnoseInput, Diagnosis, DiagnosisStep } from './types.js';

export function diagnose(input: DiagnoseInput): Diagnosis {
  const steps: DiagnosisStep[] = [];
  const read = readInput(input.envelope);
  steps.push(...read.steps);
  if (!read.ok) return { ok: false, steps, answer: rejection('BAD_REQUEST') };
  const shape = checkEnvelope(read.envelope);
  steps.push(...shape.steps);
  if (!shape.ok) return { ok: false, steps, answer: rejection('BAD_REQUEST') };
  const env = shape.env;

  const keys = checkKeys({
    ...(input.alipayPublicKey !== undefined ? { alipayPublicKey: input.alipayPublicKey } : {}),
    ...(input.appPublicKey !== undefined ? { appPublicKey: input.appPublicKey } : {}),
  });
  const signature = checkSignature(env, keys);
  const decryption = checkDecryption(env, input.aesKey, signature);
  const plain = decryption.plaintext !== undefined ? checkPlaintext(decryption.plaintext) : undefined;

  steps.push(signPresenceStep(env, plain?.outcome?.id));
  // without a sign there is nothing to verify: "no Alipay public key" would only be noise
  steps.push(...keys.steps.filter((s) => env.sign !== undefined || s.finding !== 'no-alipay-public-key'));
  steps.push(...signature.steps);
  const verifyFailed = signature.steps.some((s) => s.status === 'fail');
  for (const s of decryption.steps) {
    const note =
      verifyFailed && s.status !== 'skip'
        ? ' (diagnosis only: a backend must stop at the failed signature, PROTOCOL §6 mistake 7)'
        : '';
    steps.push({ ...s, message: `${s.message}${note}` });
  }
  if (plain) steps.push(...plain.steps);

  const decryptFailed = decryption.steps.some((s) => s.status === 'fail');
  let answer: BackendAnswer | undefined;
  if (env.sign === undefined) {
    const base = rejection('SIGNATURE_MISSING');
    const misconfigured = plain?.outcome?.id?.startsWith('40001') || plain?.outcome?.id === '40002';
    answer = misconfigured && !base.accepted ? { ...base, also: ['ALIPAY_MISCONFIGURED'] } : base;
  } else if (verifyFailed || keys.steps.some((s) => s.status === 'fail')) answer = rejection('SIGNATURE_INVALID');
  else if (decryptFailed) answer = rejection('DECRYPT_FAILED');
  else answer = plain?.answer;

  const ok = signature.verified && plain?.success === true && !steps.some((s) => s.status === 'fail');
  return {
    ok,
    steps,
    ...(decryption.plaintext !== undefined ? { plaintext: decryption.plaintext } : {}),
    ...(plain?.outcome ? { outcome: plain.outcome } : {}),
    ...(answer ? { answer } : {}),
  };
}
