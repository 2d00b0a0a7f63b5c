/**
 * Finds the raw text of a top-level member's value in a JSON object text, without re-serialising it.
 * Alipay signs raw substrings (docs/protocol.md), so parsing and re-stringifying would change the bytes.
 */
export interface RawSpan {
  start: number;
  end: number;
  text: string;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

function skipString(s: string, i: number): number {
  // s[i] === '"'
  i++;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return -1;
}

/** End index (exclusive) of the JSON value starting at i, or -1. Nesting-aware, string-aware. */
export function skipValue(s: string, i: number): number {
  i = skipWs(s, i);
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '"') {
        i = skipString(s, i);
        if (i < 0) return -1;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  let j = i;
  while (j < s.length && !/[,}\]\s]/.test(s[j] as string)) j++;
  return j > i ? j : -1;
}

/** Raw span of the value of top-level key `key` in the object `text`, or undefined. */
export function rawMember(text: string, key: string): RawSpan | undefined {
  let i = skipWs(text, 0);
  if (text[i] !== '{') return undefined;
  i++;
  while (i < text.length) {
    i = skipWs(text, i);
    if (text[i] === '}') return undefined;
    if (text[i] !== '"') return undefined;
    const keyEnd = skipString(text, i);
    if (keyEnd < 0) return undefined;
    let name: unknown;
    try {
      name = JSON.parse(text.slice(i, keyEnd));
    } catch {
      return undefined;
    }
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const valueStart = skipWs(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd < 0) return undefined;
    if (name === key) return { start: valueStart, end: valueEnd, text: text.slice(valueStart, valueEnd) };
    i = skipWs(text, valueEnd);
    if (text[i] === ',') i++;
  }
  return undefined;
}
