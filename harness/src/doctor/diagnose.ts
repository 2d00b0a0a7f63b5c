/**
 * `diagnose`: runs the server-side check of a `my.getPhoneNumber` payload — find the envelope, verify the
 * signature, decrypt, read the code — over a payload a backend received and the keys it uses, and says at which
 * step and why it fails. Pure and quick: text in, a Diagnosis out (no I/O, no clock, no randomness).
 *
 * Order of the steps: input → envelope → sign → keys → verify → decrypt → plaintext. Unlike a backend, the doctor
 * goes on decrypting after a failed signature, and repairs damage done in transit, to say everything it can (a
 * backend must stop there). docs/doctor.md explains every finding.
 */
import { checkDecryption } from './check-decryption.js';
import { checkEnvelope } from './check-envelope.js';
import { checkKeys } from './check-keys.js';
import { checkPlaintext, rejection } from './check-plaintext.js';
import { checkSignature } from './check-signature.js';
import { readInput } from './read-input.js';
import { signPresenceStep } from './sign-presence.js';
import {
  type BackendAnswer,
  type DiagnoseInput,
  type DiagnoseOptions,
  type Diagnosis,
  type DiagnosisStep,
  type Finding,
  TRANSIT_DAMAGE,
  type TransitDamage,
} from './types.js';

const isDamage = (f: Finding): f is TransitDamage => (TRANSIT_DAMAGE as readonly Finding[]).includes(f);

function problemsOf(steps: readonly DiagnosisStep[]): Finding[] {
  return [...new Set(steps.filter((s) => s.status === 'fail').map((s) => s.finding))];
}

/** A signature that verifies only once the damage was repaired: not the backend's code to blame. */
function afterRepair(s: DiagnosisStep): DiagnosisStep {
  return {
    ...s,
    message: `${s.message} — once repaired; as received, it does not`,
    fix: 'the key is right and the payload is genuine, but it is damaged on its way to your verifying code (see above): fix that, not the verification',
  };
}

function finish(d: Omit<Diagnosis, 'problems'>): Diagnosis {
  const { ok, steps, ...rest } = d;
  return { ok, steps, problems: problemsOf(steps), ...rest };
}

/**
 * Diagnoses a payload a backend received.
 *
 * @param payload what the backend received: `res.response` itself, its request body (`{"encryptedData":"…"}`, a
 *   form body, or the team's own body with `options.field`), or any usual carrier of it
 * @param options the keys the backend holds (as text: bare Base64 as the console shows them, or PEM) and,
 *   optionally, the request-body field the payload sits in
 * @returns the steps with their findings, `problems` (the failed findings: match on these names), the plaintext,
 *   the outcome, and what a correct backend answers. `ok` is true only when the payload arrived undamaged, verifies,
 *   decrypts and carries a mobile.
 *
 * @example
 * const d = diagnose(body, { alipayPublicKey, aesKey, field: 'payload' });
 * expect(d.problems).toEqual([]);            // or: expect(d.problems).toContain('unquoted-signature')
 */
export function diagnose(payload: string, options?: DiagnoseOptions): Diagnosis;
/** The same, with the payload and the options in one object (`{ envelope, alipayPublicKey, aesKey, … }`). */
export function diagnose(input: DiagnoseInput): Diagnosis;
export function diagnose(first: string | DiagnoseInput, options: DiagnoseOptions = {}): Diagnosis {
  const input: DiagnoseInput = typeof first === 'string' ? { ...options, envelope: first } : first;
  if (typeof input.envelope !== 'string') throw new TypeError('diagnose: the payload must be a string');
  const steps: DiagnosisStep[] = [];
  const read = readInput(input.envelope, input.field);
  steps.push(...read.steps);
  if (!read.ok) return finish({ ok: false, steps, answer: rejection('BAD_REQUEST') });
  const shape = checkEnvelope(read.envelope);
  steps.push(...shape.steps);
  if (!shape.ok) return finish({ ok: false, steps, answer: rejection('BAD_REQUEST') });
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
  const repaired = steps.some((s) => s.status === 'fail' && isDamage(s.finding));
  steps.push(...signature.steps.map((s) => (repaired && s.finding === 'verified' ? afterRepair(s) : s)));
  const verifyFailed = signature.steps.some((s) => s.status === 'fail');
  for (const s of decryption.steps) {
    const note =
      verifyFailed && s.status !== 'skip'
        ? ' (diagnosis only: a backend must stop at the failed signature and never decrypt what it could not verify)'
        : '';
    steps.push({ ...s, message: `${s.message}${note}` });
  }
  if (plain) steps.push(...plain.steps);

  const damage = steps
    .filter((s) => s.status === 'fail')
    .map((s) => s.finding)
    .filter(isDamage);
  const decryptFailed = decryption.steps.some((s) => s.status === 'fail');
  let answer: BackendAnswer | undefined;
  if (steps.some((s) => s.step === 'input' && isDamage(s.finding) && s.status === 'fail')) {
    // the backend received no envelope it could parse
    answer = rejection('BAD_REQUEST');
  } else if (env.sign === undefined) {
    const base = rejection('SIGNATURE_MISSING');
    const misconfigured = plain?.outcome?.id?.startsWith('40001') || plain?.outcome?.id === '40002';
    answer = misconfigured && !base.accepted ? { ...base, also: ['ALIPAY_MISCONFIGURED'] } : base;
  } else if (damage.length > 0 || verifyFailed || keys.steps.some((s) => s.status === 'fail')) {
    // damaged Base64 members: the bytes the backend verifies are not the ones Alipay signed
    answer = rejection('SIGNATURE_INVALID');
  } else if (decryptFailed) answer = rejection('DECRYPT_FAILED');
  else answer = plain?.answer;

  const fineApartFromDamage =
    signature.verified && plain?.success === true && !steps.some((s) => s.status === 'fail' && !isDamage(s.finding));
  const ok = fineApartFromDamage && damage.length === 0;
  return finish({
    ok,
    steps,
    ...(damage.length > 0 ? { damage: { findings: [...new Set(damage)], fineAfterRepair: fineApartFromDamage } } : {}),
    ...(decryption.plaintext !== undefined ? { plaintext: decryption.plaintext } : {}),
    ...(plain?.outcome ? { outcome: plain.outcome } : {}),
    ...(answer ? { answer } : {}),
  });
}
