/**
 * Step "input": finds the envelope in what the developer pasted. The payload may be `res.response` itself, the
 * backend's request body `{"encryptedData":"…"}` (or a team's own body, with `field`), a form body
 * `encryptedData=…`, the whole `res` object `{"response":"{\"response\":…}"}`, onGetPhoneNumber's `event.detail`
 * `{encryptedData, sign}`, or any of these JSON- or URL-encoded once too often. Raw member text is kept byte for
 * byte (never re-serialised): the sign covers bytes.
 *
 * Unwrapping a carrier is fine; undoing damage (an encoding applied once too often) is a failed step: the backend
 * received the damaged bytes.
 */
import { rawMember } from '../../../mock-gateway/src/protocol/json-scan.js';
import { normaliseBase64 } from '../../../mock-gateway/src/protocol/keys.js';
import { echo } from './echo.js';
import { extractField, type FieldPath } from './extract-field.js';
import type { DiagnosisStep } from './types.js';

export type InputResult =
  | { ok: true; envelope: string; steps: DiagnosisStep[] }
  | { ok: false; steps: DiagnosisStep[] };

const MAX_LAYERS = 5;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

function looksLikeEnvelopeText(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{')) return false;
  const parsed = parseJson(t);
  return parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && 'response' in parsed.value;
}

function notJson(text: string, message: string): DiagnosisStep {
  const b64 = normaliseBase64(text);
  if (b64 && Buffer.from(b64, 'base64').length % 16 === 0) {
    return {
      step: 'input',
      status: 'fail',
      finding: 'ciphertext-only',
      message: 'this is only a Base64 ciphertext (the value of `response`), not the envelope: the sign is missing',
      fix: 'pass the whole res.response string, {"response":"…","sign":"…",…}, exactly as my.getPhoneNumber gave it',
    };
  }
  let hint = 'pass the res.response string exactly as your backend received it (a JSON object text)';
  if (/\\"/.test(text) && !text.startsWith('"')) {
    hint = 'the text holds \\" escapes: it was copied from inside a string literal — unescape it, or wrap it in quotes';
  } else if (text.startsWith("'")) {
    hint = 'drop the single quotes around the payload';
  }
  return { step: 'input', status: 'fail', finding: 'not-json', message: `not JSON (${echo(message)})`, fix: hint };
}

function fromForm(text: string): { value: string; key: string } | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) return undefined;
  const params = new URLSearchParams(text);
  for (const key of ['encryptedData', 'response', 'data']) {
    const value = params.get(key);
    if (value !== null) return { value, key };
  }
  return undefined;
}

/**
 * The text URL-decoded, when it is a JSON text with its punctuation still percent-encoded (`%7B%22response%22…`):
 * a value read from a form body without decoding it, or encoded twice.
 */
function percentDecoded(text: string): string | undefined {
  if (!/^(%7B|%22)/i.test(text) || /[{}"]/.test(text)) return undefined;
  try {
    const decoded = decodeURIComponent(text).trim();
    return decoded.startsWith('{') || decoded.startsWith('"') ? decoded : undefined;
  } catch {
    return undefined;
  }
}

const PERCENT_STEP: DiagnosisStep = {
  step: 'input',
  status: 'fail',
  finding: 'percent-encoded',
  message:
    'the payload is still URL-encoded (%7B, %22, %2B…): the backend read a form field without decoding it, or the page encoded it twice (repaired by decoding once, to go on checking)',
  fix: 'encode once on the page (URLSearchParams or encodeURIComponent, not both) and let the backend\'s form parser decode it; better, send JSON {"encryptedData": res.response}',
};

const DOUBLE_ENCODED_STEP: DiagnosisStep = {
  step: 'input',
  status: 'fail',
  finding: 'double-encoded',
  message:
    'the payload is a JSON string holding the envelope: it was JSON-encoded twice on its way (JSON.stringify of res.response, which already is a JSON text), so a backend that parses once gets a string, not the envelope (repaired by parsing again, to go on checking)',
  fix: 'send res.response as it is ({"encryptedData": res.response}, no extra JSON.stringify) and JSON.parse it once on the server; if you copied the payload from a log as a quoted string, unquote it first',
};

function fieldStep(
  field: FieldPath,
  text: string,
): { ok: true; text: string; step: DiagnosisStep } | { ok: false; step: DiagnosisStep } {
  const got = extractField(text, field);
  if (!got.ok) {
    return {
      ok: false,
      step: {
        step: 'input',
        status: 'fail',
        finding: 'field-missing',
        message: got.reason,
        fix: 'name the member or form field your page puts res.response in (for example payload or data.encrypted)',
      },
    };
  }
  return {
    ok: true,
    text: got.value.trim(),
    step: {
      step: 'input',
      status: 'ok',
      finding: 'field-taken',
      message: `took "${echo(got.name)}" from the ${got.body === 'json' ? 'JSON' : 'form-urlencoded'} body${got.body === 'form' ? ' (decoded as a form parser does)' : ''}`,
    },
  };
}

const EMPTY_STEP: DiagnosisStep = {
  step: 'input',
  status: 'fail',
  finding: 'empty-input',
  message: 'the payload is empty',
  fix: 'pass the res.response string your backend received',
};

/** Unwraps the pasted text down to the envelope text. */
export function readInput(raw: string, field?: FieldPath): InputResult {
  const steps: DiagnosisStep[] = [];
  let text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, steps: [EMPTY_STEP] };
  if (field !== undefined) {
    const taken = fieldStep(field, text);
    steps.push(taken.step);
    if (!taken.ok) return { ok: false, steps };
    text = taken.text;
    if (text === '') return { ok: false, steps: [...steps, EMPTY_STEP] };
  } else {
    const form = fromForm(text);
    if (form) {
      steps.push({
        step: 'input',
        status: 'warn',
        finding: 'url-encoded',
        message: `a form-urlencoded body: took the decoded value of "${form.key}", as a form parser does`,
        fix: 'prefer JSON ({"encryptedData": res.response}); in a form body the value must be URL-encoded, or its "+" arrive as spaces',
      });
      text = form.value.trim();
    }
  }
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const decoded = percentDecoded(text);
    if (decoded !== undefined) {
      steps.push(PERCENT_STEP);
      text = decoded;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      steps.push(notJson(text, parsed.message));
      return { ok: false, steps };
    }
    const value = parsed.value;
    if (typeof value === 'string') {
      steps.push(DOUBLE_ENCODED_STEP);
      text = value.trim();
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) break;
    const obj = value as Record<string, unknown>;
    if ('response' in obj) {
      if (typeof obj.response === 'string' && looksLikeEnvelopeText(obj.response)) {
        steps.push({
          step: 'input',
          status: 'warn',
          finding: 'whole-res-object',
          message: "this is the whole success result res ({response: '<envelope>'}); the envelope is res.response",
          fix: 'forward res.response (the string), not res',
        });
        text = obj.response.trim();
        continue;
      }
      break;
    }
    if ('encryptedData' in obj) {
      const data = obj.encryptedData;
      const span = rawMember(text, 'encryptedData');
      if (typeof data === 'string') {
        const inner = data.trim();
        if (inner.startsWith('{') || inner.startsWith('"') || percentDecoded(inner) !== undefined) {
          steps.push({
            step: 'input',
            status: 'ok',
            finding: 'wrapped-body',
            message: 'the backend request body {"encryptedData":"…"}: the envelope is the value of encryptedData',
          });
          text = inner;
          continue;
        }
        const sign = typeof obj.sign === 'string' ? obj.sign : undefined;
        steps.push({
          step: 'input',
          status: sign === undefined ? 'warn' : 'ok',
          finding: 'event-detail',
          message:
            "onGetPhoneNumber's event.detail {encryptedData, sign}: encryptedData is the ciphertext (the envelope's response)" +
            (sign === undefined ? ', and there is no sign beside it' : '; sign_type is not carried, RSA2 assumed'),
        });
        text = JSON.stringify(sign === undefined ? { response: inner } : { response: inner, sign });
        break;
      }
      if (data !== null && typeof data === 'object' && !Array.isArray(data) && span) {
        steps.push({
          step: 'input',
          status: 'warn',
          finding: 'wrapped-object',
          message:
            'encryptedData is a JSON object, not the res.response string: the page parsed the envelope before sending it',
          fix: 'send res.response unchanged (a string); a backend that re-serialises the object can change the signed bytes of a plain response',
        });
        text = span.text;
        continue;
      }
      steps.push({
        step: 'input',
        status: 'fail',
        finding: 'envelope-invalid',
        message: `encryptedData is ${data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`}, not the res.response string`,
        fix: 'the page must send {"encryptedData": res.response} with the string my.getPhoneNumber gave it',
      });
      return { ok: false, steps };
    }
    break;
  }
  if (steps.length === 0) {
    steps.push({ step: 'input', status: 'ok', finding: 'envelope-given', message: `read ${text.length} characters` });
  }
  return { ok: true, envelope: text, steps };
}
