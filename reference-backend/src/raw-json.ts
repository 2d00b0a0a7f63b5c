/**
 * Finds the raw text of each top-level member of a JSON object, so that a signature can be checked over the
 * exact bytes Alipay signed instead of a re-serialization (docs/protocol.md, mistake 5: key order changes).
 * Call it only on text that JSON.parse has already accepted; it is iterative (no recursion), so deep nesting
 * cannot overflow the stack.
 */

export interface RawMember {
  key: string;
  /** Offsets of the value's text: `text.slice(start, end)`. */
  start: number;
  end: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, i: number): number {
  let j = i;
  while (j < text.length && WHITESPACE.has(text[j] as string)) j++;
  return j;
}

/** `i` is at an opening quote; returns the offset just after the closing quote. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') j += 2;
    else if (ch === '"') return j + 1;
    else j++;
  }
  return j;
}

/** Returns the offset just after the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return skipString(text, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '"') {
        j = skipString(text, j);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  let j = i;
  while (j < text.length && !WHITESPACE.has(text[j] as string) && text[j] !== ',' && text[j] !== '}') j++;
  return j;
}

/** The top-level members of a JSON object text, in order (duplicates included). `undefined` if not an object. */
export function topLevelMembers(text: string): RawMember[] | undefined {
  let i = skipWhitespace(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipWhitespace(text, i + 1);
  const members: RawMember[] = [];
  if (text[i] === '}') return members;
  while (i < text.length) {
    if (text[i] !== '"') return undefined;
    const keyEnd = skipString(text, i);
    const key: unknown = JSON.parse(text.slice(i, keyEnd));
    if (typeof key !== 'string') return undefined;
    i = skipWhitespace(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const start = skipWhitespace(text, i + 1);
    const end = skipValue(text, start);
    members.push({ key, start, end });
    i = skipWhitespace(text, end);
    if (text[i] === '}') return members;
    if (text[i] !== ',') return undefined;
    i = skipWhitespace(text, i + 1);
  }
  return undefined;
}
