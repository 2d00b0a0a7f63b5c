/**
 * Values taken from a payload and shown back (in messages, the report, `--json`): shortened to a bound with a
 * "… (N more bytes)" marker, and made printable — control characters, bidirectional overrides and lone surrogates
 * become `\u{…}` escapes, so a hostile payload can neither flood the output nor drive the terminal.
 */

/** How much of one value a message quotes. */
export const ECHO_LIMIT = 120;

/** How many characters of the plaintext (or any other single text) the report shows. */
export const SHOW_LIMIT = 2000;

/** `text` cut to at most `max` characters (never inside a surrogate pair), with a marker saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${Buffer.byteLength(text.slice(end), 'utf8')} more bytes)`;
}

/** Control (Cc), format (Cf) and lone surrogate (Cs) code points. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** `text` with every unprintable code point written as `\u{hex}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}

/** A value from the payload, ready to quote in a message. */
export function echo(value: string, max = ECHO_LIMIT): string {
  return printable(clip(value, max));
}

/** A list of names from the payload: at most `max` of them, each shortened, then how many more. */
export function echoList(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => echo(n, 40));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … (${more} more)` : shown.join(', ');
}
