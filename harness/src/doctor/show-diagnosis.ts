/**
 * How the doctor shows what it found to a person: the plaintext and the answer a correct backend gives, with the
 * member's mobile masked (138****8000), bounded and printable. The text report and the playground's payload
 * inspector both show them this way, so neither prints a phone number in clear.
 */
import { maskMobile, maskPlaintext } from './check-plaintext.js';
import { clip, echo, printable, SHOW_LIMIT } from './echo.js';
import type { BackendAnswer } from './types.js';

/** The decrypted plaintext as shown: mobile masked, cut to the report's bound, unprintable characters escaped. */
export function showPlaintext(plaintext: string): string {
  return printable(clip(maskPlaintext(plaintext), SHOW_LIMIT));
}

/** What a correct backend answers, as shown: `200 {"mobile":"138****8000"}` or `400 {"error":{"code":"…",…}}`. */
export function showAnswer(a: BackendAnswer): string {
  if (a.accepted) return `${a.http} {"mobile":"${echo(maskMobile(a.mobile))}"}`;
  return `${a.http} {"error":{"code":"${a.code}",…}}${a.also?.length ? ` (or ${a.also.join(', ')})` : ''}`;
}
