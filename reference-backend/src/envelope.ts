/**
 * Step 1: the envelope (`res.response`, forwarded as `encryptedData`) → Envelope. Only structure and types are
 * checked here; nothing is trusted yet. Every problem is BAD_REQUEST.
 */
import { topLevelMembers } from './raw-json.js';
import type { Failure, ParseResult, SignType } from './types.js';

function bad(reason: string): Failure {
  return { ok: false, code: 'BAD_REQUEST', reason };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(envelope: Record<string, unknown>, key: string): string | undefined | null {
  if (!Object.hasOwn(envelope, key)) return undefined;
  const value = envelope[key];
  return typeof value === 'string' ? value : null;
}

export function parseEnvelope(encryptedData: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(encryptedData);
  } catch {
    return bad('encryptedData is not JSON: forward res.response from my.getPhoneNumber unchanged');
  }
  if (!isPlainObject(parsed)) return bad('encryptedData must be a JSON object with a "response" field');

  const members = topLevelMembers(encryptedData);
  if (members === undefined) return bad('encryptedData is not a JSON object');
  const seen = new Set<string>();
  for (const member of members) {
    // JSON.parse keeps the last duplicate; a signature checker might look at the first. Refuse the ambiguity.
    if (seen.has(member.key)) return bad('encryptedData has a duplicated field');
    seen.add(member.key);
  }

  if (!Object.hasOwn(parsed, 'response')) return bad('the envelope has no "response" field');
  const response = parsed.response;
  let content: string;
  let encrypted: boolean;
  if (typeof response === 'string') {
    if (response.length === 0) return bad('the envelope\'s "response" is empty');
    content = response;
    encrypted = !response.startsWith('{');
  } else if (isPlainObject(response)) {
    const member = members.find((m) => m.key === 'response');
    if (member === undefined) return bad('the envelope has no "response" field');
    content = encryptedData.slice(member.start, member.end);
    encrypted = false;
  } else {
    return bad('the envelope\'s "response" must be a string or an object');
  }

  const sign = optionalString(parsed, 'sign');
  if (sign === null) return bad('the envelope\'s "sign" must be a string');
  const signTypeText = optionalString(parsed, 'sign_type');
  if (signTypeText === null) return bad('the envelope\'s "sign_type" must be a string');
  let signType: SignType = 'RSA2';
  if (signTypeText !== undefined) {
    if (signTypeText !== 'RSA2' && signTypeText !== 'RSA') return bad('unsupported sign_type (RSA2 or RSA expected)');
    signType = signTypeText;
  }
  const encryptType = optionalString(parsed, 'encrypt_type');
  if (encryptType === null || (encryptType !== undefined && encryptType !== 'AES')) {
    return bad('unsupported encrypt_type (AES expected)');
  }
  const charset = optionalString(parsed, 'charset');
  if (charset === null || (charset !== undefined && !/^utf-?8$/i.test(charset))) {
    return bad('unsupported charset (UTF-8 expected)');
  }

  return {
    ok: true,
    envelope: { content, encrypted, signContent: encrypted ? `"${content}"` : content, sign, signType },
  };
}
