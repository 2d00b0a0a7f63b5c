/**
 * Step "plaintext": the decrypted JSON → the outcome catalogue (Alipay's codes and FAQ) → what a backend following the
 * default contract answers. 40003/40006 decrypt and verify perfectly well: the code decides, and an empty mobile is
 * "no phone bound", never a number.
 */
import { outcomeForPlaintext } from '../../../mock-gateway/src/protocol/outcomes.js';
import { answerWith, primaryCode } from '../target/answers.js';
import { CONTRACT_STATUS } from '../target/contract.js';
import { echo, echoList, printable } from './echo.js';
import type { BackendAnswer, ContractCode, DiagnosedOutcome, DiagnosisStep } from './types.js';

export interface PlaintextCheck {
  steps: DiagnosisStep[];
  outcome?: DiagnosedOutcome;
  answer?: BackendAnswer;
  /** 10000 with a non-empty mobile */
  success: boolean;
}

export { CONTRACT_STATUS };

export function rejection(code: ContractCode): BackendAnswer {
  return { accepted: false, http: CONTRACT_STATUS[code], code };
}

/** 13800138000 → 138****8000; short or odd numbers keep less. */
export function maskMobile(mobile: string): string {
  if (mobile.length >= 8) return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
  if (mobile.length >= 3) return `${'*'.repeat(mobile.length - 2)}${mobile.slice(-2)}`;
  return '*'.repeat(mobile.length);
}

/** The plaintext with any mobile masked, for printing. */
export function maskPlaintext(plaintext: string): string {
  return plaintext.replace(
    /("mobile"\s*:\s*")([^"]*)"/g,
    (_m, head: string, mobile: string) => `${head}${maskMobile(mobile)}"`,
  );
}

function preview(text: string): string {
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  // a phone number can sit anywhere in a text that is not the expected JSON: mask every long digit run
  return printable(maskPlaintext(shown).replace(/\d{7,}/g, (digits) => maskMobile(digits)));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A plaintext that is not the JSON object Alipay encrypts: a backend answers DECRYPT_FAILED. */
function notAlipayJson(finding: DiagnosisStep['finding'], message: string, fix: string): PlaintextCheck {
  return {
    success: false,
    answer: rejection('DECRYPT_FAILED'),
    steps: [{ step: 'plaintext', status: 'fail', finding, message, fix }],
  };
}

export function checkPlaintext(plaintext: string): PlaintextCheck {
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    return notAlipayJson(
      'plaintext-not-json',
      `the plaintext is not JSON: ${preview(plaintext)}`,
      'Alipay encrypts a JSON object such as {"code":"10000","msg":"Success","mobile":"…"}: whoever made this payload encrypted something else',
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return notAlipayJson(
      'plaintext-not-object',
      `the plaintext is JSON but not an object: ${preview(plaintext)}`,
      'Alipay encrypts a JSON object with code, msg and mobile (or subCode/subMsg)',
    );
  }
  const obj = value as Record<string, unknown>;
  const code = str(obj.code) ?? (typeof obj.code === 'number' ? String(obj.code) : undefined);
  if (code === undefined) {
    const what =
      obj.code === undefined
        ? `no code (members: ${echoList(Object.keys(obj)) || 'none'})`
        : `a code that is ${obj.code === null ? 'null' : Array.isArray(obj.code) ? 'an array' : `a ${typeof obj.code}`}`;
    return {
      success: false,
      answer: rejection('ALIPAY_MISCONFIGURED'),
      steps: [
        {
          step: 'plaintext',
          status: 'fail',
          finding: 'unknown-code',
          message: `the plaintext is a JSON object with ${what}: Alipay always writes a string code (10000 on success)`,
          fix: `${answerWith('ALIPAY_MISCONFIGURED')} for a plaintext without a code; never read mobile without code 10000`,
        },
      ],
    };
  }
  const def = outcomeForPlaintext(obj);
  const outcome: DiagnosedOutcome = {
    ...(def ? { id: def.id, title: def.title, cause: def.cause, remedy: def.remedy } : {}),
    code,
    ...(str(obj.msg) !== undefined ? { msg: str(obj.msg) } : {}),
    ...(str(obj.subCode) !== undefined ? { subCode: str(obj.subCode) } : {}),
    ...(str(obj.subMsg) !== undefined ? { subMsg: str(obj.subMsg) } : {}),
  };
  if (code === '10000') {
    const mobile = str(obj.mobile);
    if (mobile !== undefined && mobile.trim() !== '') {
      outcome.maskedMobile = maskMobile(mobile);
      return {
        success: true,
        outcome,
        answer: { accepted: true, http: 200, mobile },
        steps: [
          {
            step: 'plaintext',
            status: 'ok',
            finding: 'success',
            message: `fine: code 10000, mobile ${echo(outcome.maskedMobile)}`,
          },
        ],
      };
    }
    return {
      success: false,
      outcome,
      answer: rejection('NO_MOBILE_BOUND'),
      steps: [
        {
          step: 'plaintext',
          status: 'warn',
          finding: 'empty-mobile',
          message: `code 10000 but mobile is ${mobile === undefined ? 'absent' : 'empty'}: the member has no phone number bound to the Alipay account (Alipay's FAQ, Q4)`,
          fix: `${answerWith('NO_MOBILE_BOUND')} and let the user enter a number another way; never store "" as a phone number`,
        },
      ],
    };
  }
  const described = [code, outcome.msg, outcome.subCode, outcome.subMsg]
    .filter((x) => x !== undefined)
    .map((x) => echo(x))
    .join(' / ');
  if (!def || def.id === 'success' || def.id === 'empty-mobile') {
    return {
      success: false,
      outcome,
      answer: rejection('ALIPAY_MISCONFIGURED'),
      steps: [
        {
          step: 'plaintext',
          status: 'fail',
          finding: 'unknown-code',
          message: `${described}: not a code my.getPhoneNumber returns (10000, 20000, 40001, 40002, 40003, 40006)`,
          fix: `${answerWith('ALIPAY_MISCONFIGURED')} for an unexpected code; never read mobile without code 10000`,
        },
      ],
    };
  }
  const contract = primaryCode(def.id);
  return {
    success: false,
    outcome,
    answer: rejection(contract),
    steps: [
      {
        step: 'plaintext',
        status: 'fail',
        finding: 'alipay-error',
        message: `Alipay answered ${described}${def.title === outcome.subMsg ? '' : ` — ${def.title}`}: ${def.cause}`,
        fix: `${def.remedy}. Your backend should ${answerWith(contract)} for this code: a payload that verifies and decrypts can still carry an error, so check code before reading mobile`,
      },
    ],
  };
}
