/**
 * A team's own scenario files: JSON (the format the playground writes, checked against its schema) and modules;
 * folders; `builtin`; clear one-line reasons for every mistake.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import { BUSY_TWICE } from '../test-support/scenario-files.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { loadScenarios } from './load-scenarios.js';
import schema from './scenario-file.schema.json' with { type: 'json' };
import { GROUP_NAME } from './types.js';

const dirs = tempDirs('load-scenarios');
afterAll(() => dirs.cleanup());

function dirWith(files: Record<string, string>): string {
  const dir = dirs.make();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadScenarios', () => {
  it('a JSON file (one scenario, an array, or { scenarios }), completed with the defaults', async () => {
    for (const body of [BUSY_TWICE, [BUSY_TWICE], { $schema: 'x', scenarios: [BUSY_TWICE] }]) {
      const dir = dirWith({ 's.json': JSON.stringify(body) });
      const r = await loadScenarios(['s.json'], allScenarios, dir);
      expect(r.ok && r.value.map((s) => [s.id, s.group, s.given.length, s.steps.length])).toEqual([
        ['busy-twice-then-ok', 'custom', 1, 3],
      ]);
    }
  });

  it('a folder of JSON and TypeScript files (sorted), with builtin alongside', async () => {
    const dir = dirWith({
      'a/one.json': JSON.stringify(BUSY_TWICE),
      'b/two.ts': `export const mine = { id: 'ts-one', group: 'mine', title: 't', faq: 'f', cause: 'c', remedy: 'r', given: [], steps: [{ do: 'tap-authorize', choice: 'deny' }], expect: { kind: 'no-call' } };\n`,
      'b/two.test.ts': 'throw new Error("never loaded")',
    });
    const r = await loadScenarios(['.', 'builtin'], allScenarios, dir);
    expect(r.ok && r.value.map((s) => s.id).slice(0, 2)).toEqual(['busy-twice-then-ok', 'ts-one']);
    expect(r.ok && r.value.length).toBe(2 + allScenarios.length);
  });

  it.each([
    ['not JSON', '{ "id": ', /s\.json: not JSON/],
    ['not JSON, with its place', '{\n  "id": "x",\n  "title": ]\n}', /s\.json: not JSON at line 3, column 12 /],
    [
      'a step that does not exist',
      JSON.stringify({ ...BUSY_TWICE, steps: [{ do: 'dance' }] }),
      /s\.json: steps\.0\.do must be one of "tap-authorize", "login", "call-get-phone-number", "advance-clock", "expire-consent", "post-envelope", "post-raw"/,
    ],
    [
      'an unknown field',
      JSON.stringify({ ...BUSY_TWICE, expected: {} }),
      /must NOT have additional properties: "expected"/,
    ],
    ['a bad id', JSON.stringify({ ...BUSY_TWICE, id: 'Has Spaces' }), /s\.json: id must match pattern/],
    ['no steps', JSON.stringify({ ...BUSY_TWICE, steps: [] }), /steps must NOT have fewer than 1 items/],
  ])('%s: one line naming the file and the place', async (_what, text, reason) => {
    const dir = dirWith({ 's.json': text });
    const r = await loadScenarios(['s.json'], allScenarios, dir);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
    expect(!r.ok && r.reason.includes('\n')).toBe(false);
  });

  it('an id used twice, a missing path, an empty folder, a module without scenarios', async () => {
    const dir = dirWith({
      'a.json': JSON.stringify(BUSY_TWICE),
      'b.json': JSON.stringify(BUSY_TWICE),
      'm.mjs': 'export const x = 1;',
      'empty/readme.txt': '',
    });
    const twice = await loadScenarios(['a.json', 'b.json'], allScenarios, dir);
    expect(!twice.ok && twice.reason).toMatch(
      /the id "busy-twice-then-ok" is used twice \(in a\.json and in b\.json\)/,
    );
    const clash = await loadScenarios(['builtin', 'builtin'], allScenarios, dir);
    expect(!clash.ok && clash.reason).toMatch(/used twice/);
    expect(await loadScenarios(['nope.json'], allScenarios, dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no file or folder at/),
    });
    expect(await loadScenarios(['empty'], allScenarios, dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/holds no \.json/),
    });
    expect(await loadScenarios(['m.mjs'], allScenarios, dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/exports no scenario/),
    });
  });

  it('a module with a syntax error: the file, line and column, the line itself and a caret (as for a config)', async () => {
    const dir = dirWith({ 'bad.ts': "export const s = {\n  id: 'x',\n  steps: [ { do: 'tap-authorize' ]\n};\n" });
    const r = await loadScenarios(['bad.ts'], allScenarios, dir);
    expect(r.ok).toBe(false);
    const lines = !r.ok ? r.reason.split('\n') : [];
    expect(lines[0]).toMatch(/bad\.ts:3:\d+: syntax error: /);
    expect(lines[1]).toContain("3 |   steps: [ { do: 'tap-authorize' ]");
    expect(lines[2]).toMatch(/^\s+\^$/);
  });

  it('a module that throws while loading: one line naming the file', async () => {
    const dir = dirWith({ 'boom.mjs': 'throw new Error("no database here");\n' });
    const r = await loadScenarios(['boom.mjs'], allScenarios, dir);
    expect(!r.ok && r.reason).toMatch(/boom\.mjs: could not load: no database here$/);
  });

  it("the file format's group pattern is the one --groups and the config check", () => {
    expect(JSON.stringify(schema)).toContain(JSON.stringify(GROUP_NAME.source));
  });
});
