/**
 * Step 4: the decrypted plaintext → the contract outcome (docs/protocol.md → docs/contract.md).
 * 40003 and 40006 decrypt (and verify) perfectly well: the `code` must be checked (docs/protocol.md, mistake 6).
 */
import type { Failure, Outcome } from './types.js';

export type CodeOutcome = Omit<Failure, 'ok'>;

/** Alipay's error codes for my.getPhoneNumber and what the backend answers for each. */
export const ALIPAY_CODE_TABLE: Readonly<Record<string, CodeOutcome>> = {
  '20000': { code: 'ALIPAY_BUSY', reason: 'Alipay is busy (20000): retry later' },
  '40001': {
    code: 'ALIPAY_MISCONFIGURED',
    reason: 'Alipay reports missing arguments (40001): set the sign type, Alipay public key, app gateway and AES key',
  },
  '40002': { code: 'ALIPAY_MISCONFIGURED', reason: 'Alipay reports an encryption error (40002): check the AES key' },
  '40003': {
    code: 'AUTH_REQUIRED',
    reason: 'no valid authorisation (40003): ask the user again through the getAuthorize button',
  },
  '40006': {
    code: 'ISV_PERMISSION_DENIED',
    reason: 'insufficient ISV permissions (40006): add the phone-number feature package and get the scope approved',
  },
};

/**
 * Codes outside the table (and payloads without a string `code`) are not something the user can fix and not
 * known to be transient, so they are reported as ALIPAY_MISCONFIGURED (502): an operator has to look.
 */
const UNKNOWN_CODE: CodeOutcome = {
  code: 'ALIPAY_MISCONFIGURED',
  reason: 'Alipay returned an unexpected result: check the app configuration',
};

const NOT_JSON: Failure = {
  ok: false,
  code: 'DECRYPT_FAILED',
  reason: 'the decrypted payload is not the expected JSON object',
};

export type PayloadResult = { ok: true; payload: Record<string, unknown> } | Failure;

/** Plaintext → JSON object, or DECRYPT_FAILED. */
export function parsePayload(plaintext: string): PayloadResult {
  let payload: unknown;
  try {
    payload = JSON.parse(plaintext);
  } catch {
    return NOT_JSON;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return NOT_JSON;
  return { ok: true, payload: payload as Record<string, unknown> };
}

function own(payload: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(payload, key) ? payload[key] : undefined;
}

/** Builds an interpret step from a code table (broken backends pass a wrong table). */
export function createInterpret(table: Readonly<Record<string, CodeOutcome>> = ALIPAY_CODE_TABLE) {
  // A Map, so that a code such as "constructor" or "__proto__" cannot reach Object.prototype.
  const byCode = new Map(Object.entries(table));
  return function interpret(plaintext: string): Outcome {
    const parsed = parsePayload(plaintext);
    if (!parsed.ok) return parsed;
    const code = own(parsed.payload, 'code');
    if (code === '10000') {
      const mobile = own(parsed.payload, 'mobile');
      if (mobile === undefined || mobile === '' || (typeof mobile === 'string' && mobile.trim() === '')) {
        return {
          ok: false,
          code: 'NO_MOBILE_BOUND',
          reason: 'this Alipay account has no bound mobile number',
        };
      }
      if (typeof mobile !== 'string') return { ok: false, ...UNKNOWN_CODE };
      return { ok: true, mobile };
    }
    const mapped = typeof code === 'string' ? byCode.get(code) : undefined;
    return { ok: false, ...(mapped ?? UNKNOWN_CODE) };
  };
}

export const interpretPlaintext = createInterpret();
