/** The runtime's list of Alipay's `my` API names is the official types' list (@mini-types/my). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIPAY_APIS, LEGACY_APIS, TYPED_APIS } from './alipay-apis.js';
import { unknownApiHint } from './unknown-api.js';

function typesNames(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@mini-types/my/package.json')), 'types');
  const names = new Set<string>();
  for (const file of ['lib.my.d.ts', 'lib.my.extra.d.ts'])
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^ {2}export (?:function|const) (\w+)/gm))
      if (m[1]) names.add(m[1]);
  return [...names].sort();
}

describe('ALIPAY_APIS', () => {
  it('equals the functions and constants of the my namespace in @mini-types/my (paste the printed list when the types change)', () => {
    const want = typesNames();
    expect([...TYPED_APIS].sort(), want.map((n) => `  '${n}',`).join('\n')).toEqual(want);
    expect(want.length).toBeGreaterThan(250);
  });

  it('adds the legacy APIs real pages still call (my.httpRequest), which the types leave out', () => {
    const typed = new Set(typesNames());
    for (const name of LEGACY_APIS) {
      expect(typed.has(name), name).toBe(false);
      expect(ALIPAY_APIS.has(name), name).toBe(true);
    }
    expect(ALIPAY_APIS.size).toBe(TYPED_APIS.size + LEGACY_APIS.size);
  });
});

describe('unknownApiHint', () => {
  it('names the Alipay API for a WeChat one a ported page kept', () => {
    expect(unknownApiHint('my.login is not a function')).toBe('my.login is not an Alipay API: use my.getAuthCode');
    expect(unknownApiHint('TypeError: my.getUserProfile is not a function')).toMatch(/use my\.getOpenUserInfo/);
  });

  it('says "not an Alipay API" for other unknown names; nothing for Alipay names or other errors', () => {
    expect(unknownApiHint('my.fooBar is not a function')).toMatch(/^my\.fooBar is not an Alipay API \(WeChat code\?/);
    expect(unknownApiHint('my.chooseImage is not a function')).toBeUndefined();
    expect(unknownApiHint('x is undefined')).toBeUndefined();
  });
});
