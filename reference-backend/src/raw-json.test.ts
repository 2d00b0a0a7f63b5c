import { describe, expect, it } from 'vitest';
import { topLevelMembers } from './raw-json.js';

function values(text: string) {
  return topLevelMembers(text)?.map((m) => [m.key, text.slice(m.start, m.end)]);
}

describe('topLevelMembers', () => {
  it('returns each member with its exact raw value text', () => {
    expect(values('{"response":{"a":"}\\"{","b":[1,{"c":null}]},"sign":"x\\"y","n":-1.5e3,"t":true}')).toEqual([
      ['response', '{"a":"}\\"{","b":[1,{"c":null}]}'],
      ['sign', '"x\\"y"'],
      ['n', '-1.5e3'],
      ['t', 'true'],
    ]);
  });

  it('handles whitespace, escaped keys, empty objects and duplicates', () => {
    expect(values(' {\n "resp\\u006fnse" : { } ,"a":1,"a":2 } ')).toEqual([
      ['response', '{ }'],
      ['a', '1'],
      ['a', '2'],
    ]);
    expect(values('{}')).toEqual([]);
  });

  it('copes with very deep nesting without recursion', () => {
    const deep = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)},"y":1}`;
    expect(topLevelMembers(deep)?.map((m) => m.key)).toEqual(['x', 'y']);
  });

  it('returns undefined for non-objects', () => {
    expect(topLevelMembers('[1]')).toBeUndefined();
    expect(topLevelMembers('"s"')).toBeUndefined();
  });
});
