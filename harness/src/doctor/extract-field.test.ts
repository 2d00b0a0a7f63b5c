import { describe, expect, it } from 'vitest';
import { extractField } from './extract-field.js';

describe('extractField', () => {
  it('JSON: a member, a dot path, a literal dotted name; an object member keeps its raw bytes', () => {
    expect(extractField('{"payload":"abc"}', 'payload')).toEqual({
      ok: true,
      value: 'abc',
      body: 'json',
      name: 'payload',
    });
    expect(extractField('{"data":{"encrypted":"x"}}', 'data.encrypted')).toMatchObject({ ok: true, value: 'x' });
    expect(extractField('{"data.encrypted":"y","data":{"encrypted":"x"}}', 'data.encrypted')).toMatchObject({
      value: 'y',
    });
    expect(extractField('{"d":{"e":{"response":"a\\/b" , "sign":"s"}}}', ['d', 'e'])).toMatchObject({
      value: '{"response":"a\\/b" , "sign":"s"}',
    });
  });

  it('form: decoded as a form parser does, also as data[encrypted]', () => {
    expect(extractField('a=1&payload=x%2By+z', 'payload')).toEqual({
      ok: true,
      value: 'x+y z',
      body: 'form',
      name: 'payload',
    });
    expect(extractField('data%5Bencrypted%5D=v', 'data.encrypted')).toMatchObject({
      ok: true,
      value: 'v',
      name: 'data[encrypted]',
    });
  });

  it('absent or unusable: one line saying what is there', () => {
    expect(extractField('{"a":1,"b":2}', 'payload')).toEqual({
      ok: false,
      reason: 'the JSON body has no "payload" (its members: a, b)',
    });
    expect(extractField('{"payload":null}', 'payload')).toMatchObject({ reason: expect.stringContaining('is null') });
    expect(extractField('[1]', 'payload')).toMatchObject({ reason: expect.stringContaining('JSON but an array') });
    expect(extractField('a=1', 'payload')).toMatchObject({
      reason: 'the form body has no field "payload" (fields: a)',
    });
    expect(extractField('plain text', 'payload')).toMatchObject({
      reason: expect.stringContaining('neither a JSON object nor'),
    });
    expect(extractField('{}', '')).toMatchObject({ ok: false, reason: 'the field name is empty' });
  });
});
