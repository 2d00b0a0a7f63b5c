/**
 * Step "envelope": the shape of `res.response` (PROTOCOL §2) — a JSON object with `response` (a Base64 string when
 * encrypted, a nested object when plain; the official sample's rule: encrypted ⇔ !content.startsWith('{')), and
 * `sign`, `sign_type`, `encrypt_type`, `charset` in long form.
 */
import {
  type EnvelopeParseError,
  type ParsedEnvelope,
  parseEnvelope,
} from '../../../mock-gateway/src/protocol/envelope.js';
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
    'no-response': `no "response" member (members: ${Object.keys(obj).join(', ') || 'none'})`,
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

/** `+` turned into spaces (a form body read without URL-decoding it properly): repaired, and said so. */
function repairSpaces(env: ParsedEnvelope): { env: ParsedEnvelope; step?: DiagnosisStep } {
  const inSign = env.sign?.includes(' ') ?? false;
  const inResponse = env.encrypted && env.content.includes(' ');
  if (!inSign && !inResponse) return { env };
  const fixPlus = (s: string) => s.replace(/ /g, '+');
  const repaired: ParsedEnvelope = {
    ...env,
    ...(inResponse ? { content: fixPlus(env.content), responseRaw: fixPlus(env.responseRaw) } : {}),
    ...(env.sign !== undefined && inSign ? { sign: fixPlus(env.sign) } : {}),
  };
  const where = [inResponse ? 'response' : '', inSign ? 'sign' : ''].filter(Boolean).join(' and ');
  return {
    env: repaired,
    step: {
      step: 'envelope',
      status: 'warn',
      finding: 'plus-became-space',
      message: `${where} contain spaces where Base64 has "+": the payload went through form-urlencoding unencoded (continuing with "+" put back)`,
      fix: 'send {"encryptedData": res.response} as JSON (my.request with headers {"content-type":"application/json"} and JSON.stringify), or URL-encode it',
    },
  };
}

export function checkEnvelope(text: string): EnvelopeCheck {
  const parsed = parseEnvelope(text);
  if (!parsed.ok) return { ok: false, steps: [parseFailure(text, parsed.reason)] };
  const steps: DiagnosisStep[] = [];
  const { env, step } = repairSpaces(parsed.value);
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
    env.sign !== undefined ? `sign_type ${env.signType ?? '(absent: RSA2 assumed)'}` : 'no sign',
    env.encryptType !== undefined ? `encrypt_type ${env.encryptType}` : '',
    env.charset !== undefined ? `charset ${env.charset}` : '',
  ].filter(Boolean);
  steps.push({ step: 'envelope', status: 'ok', finding: 'envelope-shape', message: `${form}: ${details.join(', ')}` });
  if (step) steps.push(step);
  const odd: string[] = [];
  if (env.encryptType !== undefined && env.encryptType !== 'AES')
    odd.push(`encrypt_type is "${env.encryptType}" (Alipay writes "AES")`);
  if (env.encryptType === 'AES' && !env.encrypted) odd.push('encrypt_type says AES but response is not a ciphertext');
  if (env.charset !== undefined && env.charset.toUpperCase() !== 'UTF-8')
    odd.push(`charset is "${env.charset}" (Alipay writes "UTF-8")`);
  const members = Object.keys(JSON.parse(text) as Record<string, unknown>);
  const unknown = members.filter((m) => !KNOWN_MEMBERS.has(m));
  if (unknown.length > 0) odd.push(`members Alipay does not write: ${unknown.join(', ')}`);
  if (members[0] !== 'response') {
    odd.push(
      `the members are not in Alipay's order (response first, then sign, sign_type, encrypt_type, charset): ${members.join(', ')}`,
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
        '{"code":"10000","msg":"Success","mobile":"<any number>"} would be trusted (PROTOCOL §6 mistake 4). ' +
        'Alipay sends a plain unsigned response when the AES key is not set (FAQ Q5)',
      fix: 'never read a mobile from an unsigned payload: answer SIGNATURE_MISSING; set 支付宝公钥, aes 密钥 and 应用网关 in the console',
    });
  }
  return { ok: true, env, steps };
}
