/**
 * Step "envelope": the shape of `res.response` — a JSON object with `response` (a Base64 string when encrypted, a
 * nested object when plain; the official sample's rule: encrypted ⇔ !content.startsWith('{')), and `sign`,
 * `sign_type`, `encrypt_type`, `charset` in long form. Damage in transit (a `+` turned into a space, a `%2B` left
 * in) is repaired so the later steps can say more, and reported as a failed step.
 */
import {
  type EnvelopeParseError,
  type ParsedEnvelope,
  parseEnvelope,
} from '../../../mock-gateway/src/protocol/envelope.js';
import { echo, echoList } from './echo.js';
import type { DiagnosisStep } from './types.js';

const KNOWN_MEMBERS = new Set(['response', 'sign', 'sign_type', 'encrypt_type', 'charset']);

export type EnvelopeCheck =
  | { ok: true; env: ParsedEnvelope; steps: DiagnosisStep[] }
  | { ok: false; steps: DiagnosisStep[] };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function parseFailure(text: string, reason: EnvelopeParseError): DiagnosisStep {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const obj =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const messages: Record<EnvelopeParseError, string> = {
    'not-json': 'the envelope is not JSON',
    'not-an-object': `the envelope is ${typeName(value)}, not a JSON object`,
    'no-response': `no "response" member (members: ${echoList(Object.keys(obj)) || 'none'})`,
    'response-wrong-type': `"response" is ${typeName(obj.response)}: expected the Base64 ciphertext (a string) or the plain object`,
    'response-empty': '"response" is an empty string',
    'sign-wrong-type': `"sign" is ${typeName(obj.sign)}, not a Base64 string`,
  };
  return {
    step: 'envelope',
    status: 'fail',
    finding: 'envelope-invalid',
    message: messages[reason],
    fix: 'pass res.response from my.getPhoneNumber\'s success exactly: {"response":"…","sign":"…","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8"}',
  };
}

type Repair = (s: string) => string | undefined;

/** `+` turned into spaces (a form body whose value was not URL-encoded): the spaces put back as `+`. */
const plusRepair: Repair = (s) => (s.includes(' ') ? s.replace(/ /g, '+') : undefined);

/** A Base64 value still URL-encoded (`%2B`, `%2F`, `%3D`): decoded once. */
const percentRepair: Repair = (s) => {
  if (!/%(2B|2F|3D)/i.test(s)) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** Applies `repair` to the Base64 members (an encrypted response, sign); undefined when nothing needed it. */
function repairMembers(env: ParsedEnvelope, repair: Repair): { env: ParsedEnvelope; where: string } | undefined {
  const content = env.encrypted ? repair(env.content) : undefined;
  const sign = env.sign !== undefined ? repair(env.sign) : undefined;
  if (content === undefined && sign === undefined) return undefined;
  const repaired: ParsedEnvelope = {
    ...env,
    ...(content !== undefined ? { content, responseRaw: JSON.stringify(content) } : {}),
    ...(sign !== undefined ? { sign } : {}),
  };
  const where = [content !== undefined ? 'response' : '', sign !== undefined ? 'sign' : '']
    .filter(Boolean)
    .join(' and ');
  return { env: repaired, where };
}

function repairTransit(env: ParsedEnvelope): { env: ParsedEnvelope; steps: DiagnosisStep[] } {
  const steps: DiagnosisStep[] = [];
  const spaces = repairMembers(env, plusRepair);
  if (spaces) {
    env = spaces.env;
    steps.push({
      step: 'envelope',
      status: 'fail',
      finding: 'plus-became-space',
      message: `${spaces.where} contain${spaces.where.includes(' and ') ? '' : 's'} spaces where Base64 has "+": the payload was form-encoded without escaping (a "+" in a form body means a space), so the backend received other bytes than Alipay signed (repaired by putting the "+" back, to go on checking)`,
      fix: 'escape the body: send {"encryptedData": res.response} as JSON (my.request with content-type application/json and JSON.stringify), or URL-encode the value (encodeURIComponent / URLSearchParams); on the backend read the raw value — do not form-decode a body that was not form-encoded',
    });
  }
  const percent = repairMembers(env, percentRepair);
  if (percent) {
    env = percent.env;
    steps.push({
      step: 'envelope',
      status: 'fail',
      finding: 'percent-encoded',
      message: `${percent.where} still hold${percent.where.includes(' and ') ? '' : 's'} URL escapes (%2B, %2F, %3D): the value was URL-encoded once more than it was decoded (repaired by decoding once, to go on checking)`,
      fix: 'encode once on the page and let the backend\'s form parser decode it once; better, send JSON {"encryptedData": res.response}',
    });
  }
  return { env, steps };
}

export function checkEnvelope(text: string): EnvelopeCheck {
  const parsed = parseEnvelope(text);
  if (!parsed.ok) return { ok: false, steps: [parseFailure(text, parsed.reason)] };
  const steps: DiagnosisStep[] = [];
  const { env, steps: repairs } = repairTransit(parsed.value);
  const form =
    env.form === 'long'
      ? 'long form'
      : env.form === 'short'
        ? 'short form {response, sign} (ISV template apps)'
        : 'envelope';
  const details = [
    env.encrypted
      ? `encrypted (response is a ${env.content.length}-character Base64 string)`
      : env.responseRaw.startsWith('"')
        ? "plain: response is a string starting with '{', which the sample's startsWith('{') rule treats as plaintext"
        : 'plain: response is a nested JSON object, not encrypted',
    env.sign !== undefined
      ? `sign_type ${env.signType !== undefined ? echo(env.signType) : '(absent: RSA2 assumed)'}`
      : 'no sign',
    env.encryptType !== undefined ? `encrypt_type ${echo(env.encryptType)}` : '',
    env.charset !== undefined ? `charset ${echo(env.charset)}` : '',
  ].filter(Boolean);
  steps.push({ step: 'envelope', status: 'ok', finding: 'envelope-shape', message: `${form}: ${details.join(', ')}` });
  steps.push(...repairs);
  const odd: string[] = [];
  if (env.encryptType !== undefined && env.encryptType !== 'AES')
    odd.push(`encrypt_type is "${echo(env.encryptType)}" (Alipay writes "AES")`);
  if (env.encryptType === 'AES' && !env.encrypted) odd.push('encrypt_type says AES but response is not a ciphertext');
  if (env.charset !== undefined && env.charset.toUpperCase() !== 'UTF-8')
    odd.push(`charset is "${echo(env.charset)}" (Alipay writes "UTF-8")`);
  const members = Object.keys(JSON.parse(text) as Record<string, unknown>);
  const unknown = members.filter((m) => !KNOWN_MEMBERS.has(m));
  if (unknown.length > 0) odd.push(`members Alipay does not write: ${echoList(unknown)}`);
  if (members[0] !== 'response') {
    odd.push(
      `the members are not in Alipay's order (response first, then sign, sign_type, encrypt_type, charset): ${echoList(members)}`,
    );
  }
  if (odd.length > 0) {
    steps.push({
      step: 'envelope',
      status: 'warn',
      finding: 'unusual-envelope',
      message: `${odd.join('; ')}: the payload was rebuilt or edited after Alipay produced it`,
      fix: 'forward res.response byte for byte; do not rebuild the envelope',
    });
  }
  if (!env.encrypted && env.sign === undefined) {
    steps.push({
      step: 'envelope',
      status: 'warn',
      finding: 'plain-unsigned',
      message:
        "plain and unsigned: anyone can write this text. By the sample's startsWith('{') branch a forged " +
        '{"code":"10000","msg":"Success","mobile":"<any number>"} would be trusted by a backend that does not insist on a sign. ' +
        "Alipay sends a plain unsigned response when the AES key is not set (Alipay's FAQ, Q5)",
      fix: 'never read a mobile from an unsigned payload: answer SIGNATURE_MISSING; set 支付宝公钥, aes 密钥 and 应用网关 in the console',
    });
  }
  return { ok: true, env, steps };
}
