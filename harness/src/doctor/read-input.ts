/**
 * Step "input": finds the envelope in what the developer pasted. The payload may be `res.response` itself, the
 * backend's request body `{"encryptedData":"…"}`, a form body `encryptedData=…`, the whole `res` object
 * `{"response":"{\"response\":…}"}`, onGetPhoneNumber's `event.detail` `{encryptedData, sign}`, or any of these
 * JSON-encoded once too often. Raw member text is kept byte for byte (never re-serialised): the sign covers bytes.
 */
import { rawMember } from '../../../mock-gateway/src/protocol/json-scan.js';
import { normaliseBase64 } from '../../../mock-gateway/src/protocol/keys.js';
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
  return { step: 'input', status: 'fail', finding: 'not-json', message: `not JSON (${message})`, fix: hint };
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

/** Unwraps the pasted text down to the envelope text. */
export function readInput(raw: string): InputResult {
  const steps: DiagnosisStep[] = [];
  let text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    steps.push({
      step: 'input',
      status: 'fail',
      finding: 'empty-input',
      message: 'the payload is empty',
      fix: 'pass the res.response string your backend received',
    });
    return { ok: false, steps };
  }
  const form = fromForm(text);
  if (form) {
    steps.push({
      step: 'input',
      status: 'warn',
      finding: 'url-encoded',
      message: `a form-urlencoded body: took the decoded value of "${form.key}"`,
      fix: 'send the payload as JSON ({"encryptedData": res.response}); in a form body an unencoded "+" becomes a space',
    });
    text = form.value.trim();
  }
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      steps.push(notJson(text, parsed.message));
      return { ok: false, steps };
    }
    const value = parsed.value;
    if (typeof value === 'string') {
      steps.push({
        step: 'input',
        status: 'warn',
        finding: 'double-encoded',
        message: 'the payload is a JSON string holding the envelope: your page/backend JSON-encoded it twice',
        fix: 'res.response is already a JSON string: send it as is (no JSON.stringify(res.response)), and JSON.parse it once on the server',
      });
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
        if (inner.startsWith('{') || inner.startsWith('"')) {
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
