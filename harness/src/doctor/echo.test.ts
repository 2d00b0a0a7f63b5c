import { describe, expect, it } from 'vitest';
import { clip, echo, echoList, printable } from './echo.js';

describe('echo', () => {
  it('clips with a marker counting the bytes left out, never splitting a surrogate pair', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdef', 2)).toBe('ab… (4 more bytes)');
    expect(clip('ab中文', 3)).toBe('ab中… (3 more bytes)');
    expect(clip('a😀b', 2)).toBe('a… (5 more bytes)');
  });

  it('writes control, format and lone surrogate code points as escapes; keeps CJK and emoji', () => {
    expect(printable('a\u001b[31m\u0000\n\u202e\u009b 中😀 \ud800')).toBe(
      'a\\u{1b}[31m\\u{0}\\u{a}\\u{202e}\\u{9b} 中😀 \\u{d800}',
    );
    expect(echo('\u0007'.repeat(200), 2)).toBe('\\u{7}\\u{7}… (198 more bytes)');
  });

  it('lists at most ten names, then how many more', () => {
    expect(echoList(['a', 'b'])).toBe('a, b');
    expect(echoList(Array.from({ length: 12 }, (_, i) => `n${i}`))).toBe(
      'n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 … (2 more)',
    );
  });
});
