import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { diagnose } from './diagnose.js';
import { formatDiagnosis } from './format-output.js';
import { type Hostile, hostilePayloads } from './test/hostile.js';
import { testKeys } from './test/payloads.js';
import type { Diagnosis } from './types.js';

let keys: KeyMaterial;
let payloads: Hostile[];

beforeAll(() => {
  keys = testKeys();
  payloads = hostilePayloads(keys);
});

/** The first raw character a terminal may act on: C0 (but newline), DEL, C1, bidirectional controls, lone surrogates. */
function terminalActive(text: string): string | undefined {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const active =
      (c < 0x20 && c !== 0x0a) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x200e ||
      c === 0x200f ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      (c >= 0xd800 && c <= 0xdfff);
    if (active) return `U+${c.toString(16)}`;
  }
  return undefined;
}

/** Far more than any real report (about 2 KB), far less than what the payloads hold (up to 800 KB). */
const OUTPUT_BOUND = 30_000;

function outputs(d: Diagnosis): { text: string; json: string } {
  return {
    text: formatDiagnosis(d, { json: false, color: false }),
    json: formatDiagnosis(d, { json: true, color: false }),
  };
}

describe('hostile payloads', () => {
  it('never print undefined, stay bounded and printable, in text and JSON', () => {
    for (const p of payloads) {
      const d = diagnose(p.text, {
        alipayPublicKey: keys.alipayPublicKeyBase64,
        aesKey: keys.aesKey,
        appPublicKey: keys.appPublicKeyBase64,
      });
      const { text, json } = outputs(d);
      for (const [kind, out] of [
        ['text', text],
        ['json', json],
      ] as const) {
        expect(out, `${p.name} (${kind})`).not.toContain('undefined');
        expect(out.length, `${p.name} (${kind})`).toBeLessThan(OUTPUT_BOUND);
        expect(terminalActive(out), `${p.name} (${kind})`).toBeUndefined();
      }
      expect(() => JSON.parse(json), p.name).not.toThrow();
    }
  });
});

describe('what is cut, says so', () => {
  const run = (name: string) => {
    const p = payloads.find((x) => x.name === name);
    if (!p) throw new Error(`no hostile payload ${name}`);
    return outputs(diagnose(p.text, { alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey }));
  };

  it('a 100,000-deep plaintext: its first 2,000 characters, then how many bytes are left out', () => {
    const { text, json } = run('deep plaintext object');
    const line = text.split('\n').find((l) => l.startsWith('plaintext: '));
    expect(line).toMatch(/^plaintext: \{"a":\[{1995}… \(198006 more bytes\)$/);
    expect(text).not.toMatch(/^outcome:/m);
    expect(text).toContain('the plaintext is a JSON object with no code (members: a)');
    expect((JSON.parse(json) as Diagnosis).plaintext).toMatch(/… \(198006 more bytes\)$/);
  });

  it('huge values in messages are quoted in part', () => {
    const { text } = run('huge code and msg');
    expect(text).toMatch(/X{120}… \(149880 more bytes\)/);
    const members = run('many long members').text;
    expect(members).toContain('… (4990 more)');
  });

  it('control characters are shown as escapes', () => {
    const { text } = run('control characters in members');
    expect(text).toContain('\\u{1b}[2J\\u{1b}[31m\\u{7}\\u{9b}31m\\u{202e}\\u{0}');
  });
});
