import { describe, expect, it } from 'vitest';
import { rawMember, skipValue } from './json-scan.js';

describe('rawMember', () => {
  it('returns the exact raw text of a top-level member, not a re-serialisation', () => {
    const text = '{"a":1,"response":{ "b" : [1, 2 ,3],"c":"d" },"z":true}';
    const span = rawMember(text, 'response');
    expect(span).toEqual({ start: 18, end: 45, text: '{ "b" : [1, 2 ,3],"c":"d" }' });
    expect(text.slice(span?.start, span?.end)).toBe(span?.text);
  });

  it('handles escaped quotes and backslashes in strings', () => {
    const text = String.raw`{"x":"he said \"}\" and \\","response":"a\"b\\","y":"\\\""}`;
    expect(rawMember(text, 'response')?.text).toBe(String.raw`"a\"b\\"`);
    expect(rawMember(text, 'x')?.text).toBe(String.raw`"he said \"}\" and \\"`);
    expect(rawMember(text, 'y')?.text).toBe(String.raw`"\\\""`);
  });

  it('is not fooled by braces, brackets, commas and keys inside strings', () => {
    const text = '{"a":"{\\"response\\":\\"fake\\"}","response":{"k":"}{][,\\"","n":[{"x":"]"},{}]},"b":0}';
    expect(rawMember(text, 'response')?.text).toBe('{"k":"}{][,\\"","n":[{"x":"]"},{}]}');
    expect(JSON.parse(rawMember(text, 'response')?.text ?? '')).toEqual(JSON.parse(text).response);
  });

  it('only looks at top-level members', () => {
    const text = '{"outer":{"response":"inner"},"other":1}';
    expect(rawMember(text, 'response')).toBeUndefined();
  });

  it('tolerates whitespace everywhere and reads primitives', () => {
    const text = ' \n{ "a" :\t-1.5e3 ,\r\n "b": null , "c" : false,"d":"x" } ';
    expect(rawMember(text, 'a')?.text).toBe('-1.5e3');
    expect(rawMember(text, 'b')?.text).toBe('null');
    expect(rawMember(text, 'c')?.text).toBe('false');
    expect(rawMember(text, 'd')?.text).toBe('"x"');
  });

  it('matches keys by their decoded value', () => {
    expect(rawMember('{"resp\\u006fnse":"x"}', 'response')?.text).toBe('"x"');
    expect(rawMember('{"response ":"x"}', 'response')).toBeUndefined();
  });

  it('gives undefined for missing keys and malformed or non-object text', () => {
    expect(rawMember('{"a":1}', 'response')).toBeUndefined();
    expect(rawMember('{}', 'response')).toBeUndefined();
    expect(rawMember('[{"response":1}]', 'response')).toBeUndefined();
    expect(rawMember('"response"', 'response')).toBeUndefined();
    expect(rawMember('{"response":{"a":1}', 'response')?.text).toBe('{"a":1}');
    expect(rawMember('{"response":{"a":1', 'response')).toBeUndefined();
    expect(rawMember('{"response":"abc', 'response')).toBeUndefined();
    expect(rawMember('{"response" 1}', 'response')).toBeUndefined();
    expect(rawMember('{response:1}', 'response')).toBeUndefined();
  });
});

describe('skipValue', () => {
  it('finds the end of each kind of value', () => {
    expect(skipValue('"a\\"b" rest', 0)).toBe(6);
    expect(skipValue('  {"a":[1,{"b":"}"}]} x', 0)).toBe(21);
    expect(skipValue('123,', 0)).toBe(3);
    expect(skipValue('true}', 0)).toBe(4);
    expect(skipValue('', 0)).toBe(-1);
    expect(skipValue('[1,2', 0)).toBe(-1);
  });
});
