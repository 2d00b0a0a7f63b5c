/**
 * The doctor cites only documents that ship: no section numbers of documents users do not have, every `.md` it names
 * exists, every finding is explained in docs/doctor.md, and the package ships docs/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { OUTCOME_IDS } from '../../../mock-gateway/src/protocol/outcomes.js';
import { buildTampered, foreignAesKeyFor, TAMPERINGS } from '../../../mock-gateway/src/protocol/tamper.js';
import { ENVELOPE_VARIANTS, specFor } from '../../../mock-gateway/src/protocol/variants.js';
import { ROOT } from '../test-support/built-cli.js';
import { DOCTOR_DOC } from './constants.js';
import { diagnose } from './diagnose.js';
import { formatDiagnosis } from './format-output.js';
import { hostilePayloads } from './test/hostile.js';
import { mint, testKeys } from './test/payloads.js';
import { FINDINGS } from './types.js';

const DOCTOR_DIR = join(ROOT, 'harness/src/doctor');

/** The doctor's own source: its folder (tests and test support aside), the command, and its block of program.ts. */
function doctorSources(): Array<{ name: string; text: string }> {
  const files = readdirSync(DOCTOR_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ name: `harness/src/doctor/${f}`, text: readFileSync(join(DOCTOR_DIR, f), 'utf8') }));
  const command = 'harness/src/cli/doctor-command.ts';
  files.push({ name: command, text: readFileSync(join(ROOT, command), 'utf8') });
  const program = readFileSync(join(ROOT, 'harness/src/cli/program.ts'), 'utf8');
  const start = program.indexOf(".command('doctor')");
  const end = program.indexOf('return program', start);
  expect(start).toBeGreaterThan(0);
  files.push({ name: 'program.ts (doctor block)', text: program.slice(start, end) });
  return files;
}

/** Why a text cites something users do not have, or undefined. */
function foreignCitation(text: string): string | undefined {
  if (text.includes('§'))
    return `a section sign: …${text.slice(Math.max(0, text.indexOf('§') - 30), text.indexOf('§') + 10)}…`;
  const word = /\b(PROTOCOL|DESIGN)\b|\.\.\/shared/.exec(text);
  if (word) return `a reference to ${word[0]}`;
  for (const m of text.matchAll(/[\w./-]*[\w-]\.md\b/g)) {
    // a path inside the installed package is a path in this repository
    const path = m[0].replace(/^\.?\//, '').replace(/^node_modules\/alimock\//, '');
    if (!existsSync(join(ROOT, path))) return `${m[0]}, which is not in the repository`;
  }
  return undefined;
}

let keys: KeyMaterial;
beforeAll(() => {
  keys = testKeys();
});

describe('the doctor cites only what ships', () => {
  it('the scan itself catches what it must', () => {
    expect(foreignCitation(`see ${'PROTOCOL'} ${'\u00a7'}6 mistake 2`)).toBeDefined();
    expect(foreignCitation('the contract (DESIGN 5)')).toBeDefined();
    expect(foreignCitation('see docs/no-such-page.md')).toMatch(/not in the repository/);
    expect(foreignCitation(`see ${DOCTOR_DOC} and README.md`)).toBeUndefined();
  });

  it('its source strings and comments', () => {
    const sources = doctorSources();
    expect(sources.length).toBeGreaterThan(10);
    for (const { name, text } of sources) expect(foreignCitation(text), name).toBeUndefined();
  });

  it('its output, text and JSON, over every minted outcome and variant, tampered, damaged and hostile payloads', () => {
    const tamperKeys = {
      aesKey: keys.aesKey,
      alipayPrivateKey: keys.alipayPrivateKey,
      foreignPrivateKey: keys.appPrivateKey,
      foreignAesKey: foreignAesKeyFor(keys.aesKey),
    };
    const payloads: string[] = [];
    for (const outcome of OUTCOME_IDS)
      for (const variant of ENVELOPE_VARIANTS) payloads.push(mint(keys, outcome, variant));
    for (const kind of TAMPERINGS) payloads.push(buildTampered(kind, specFor('success', 'standard'), tamperKeys));
    payloads.push(mint(keys).replace(/\+/g, ' '), JSON.stringify(mint(keys)), encodeURIComponent(mint(keys)));
    payloads.push('', 'nope', '{}');
    const keySets = [
      { alipayPublicKey: keys.alipayPublicKeyBase64, aesKey: keys.aesKey, appPublicKey: keys.appPublicKeyBase64 },
      { alipayPublicKey: keys.appPublicKeyBase64, aesKey: 'MTIzNDU2Nzg5MDEy', appPublicKey: keys.appPublicKeyBase64 },
      {},
    ];
    const seen = new Set<string>();
    for (const payload of payloads) {
      for (const k of keySets) {
        const d = diagnose(payload, k);
        for (const s of d.steps) seen.add(s.finding);
        for (const json of [false, true]) {
          const out = formatDiagnosis(d, { json, color: false });
          expect(foreignCitation(out), payload.slice(0, 80)).toBeUndefined();
        }
      }
    }
    for (const h of hostilePayloads(keys)) {
      const d = diagnose(h.text, keySets[0]);
      for (const json of [false, true])
        expect(foreignCitation(formatDiagnosis(d, { json, color: false })), h.name).toBeUndefined();
    }
    expect(seen.size).toBeGreaterThan(25);
  });
});

describe('docs/doctor.md', () => {
  const doc = () => readFileSync(join(ROOT, DOCTOR_DOC), 'utf8');

  it('explains every finding under its own heading, and no other', () => {
    const headings = [...doc().matchAll(/^#### `([a-z0-9-]+)`$/gm)].map((m) => m[1]);
    expect([...headings].sort()).toEqual([...FINDINGS].sort());
  });

  it('keeps the at-a-glance table names: each is a finding', () => {
    const glance =
      doc()
        .split(/^## At a glance$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    const rows = glance
      .split('\n')
      .filter((l) => /^\| (input|envelope|sign|keys|verify|decrypt|plaintext) +\|/.test(l));
    expect(rows.length).toBe(7);
    const names = rows.flatMap((r) => [...r.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(30);
    for (const n of names) expect(FINDINGS, n).toContain(n);
  });

  it('cites nothing users do not have, and ships in the package', () => {
    expect(foreignCitation(doc())).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('docs');
  });
});
