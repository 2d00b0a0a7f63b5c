/**
 * A config with a syntax error is refused with the file, line and column, and the line itself with a caret under
 * the place — for .ts, .mjs, .js and .json configs alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../test-support/temp-dir.js';
import { loadConfig } from './load-config.js';

const dirs = tempDirs('load-config');
afterAll(() => dirs.cleanup());

function write(name: string, text: string): string {
  const dir = dirs.make();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig: syntax errors', () => {
  it.each([
    ['alimock.config.ts', "export default {\n  driver: 'http'\n  workers: 2,\n};\n", 3, 3, '  workers: 2,'],
    ['alimock.config.mjs', "export default {\n  driver: 'http'\n  workers: 2,\n};\n", 3, 3, '  workers: 2,'],
    ['alimock.config.js', "export default {\n  driver: 'http',\n  workers: 2,,\n};\n", 3, 14, '  workers: 2,,'],
    ['alimock.config.json', '{\n  "driver": "http",\n  "workers": 2,,\n}\n', 3, 16, '  "workers": 2,,'],
    // Node's message for this one names no position: the place is found all the same
    ['alimock.config.json', '{\n  "driver": ]\n}\n', 2, 13, '  "driver": ]'],
  ])('%s: FILE:LINE:COL, the line, a caret under the place', async (name, text, line, column, source) => {
    const path = write(name, text);
    const r = await loadConfig(path);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [head, shown, caret] = r.reason.split('\n');
    expect(head).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:${line}:${column}: syntax error: .+`));
    expect(shown).toBe(`  ${line} | ${source}`);
    expect(caret?.indexOf('^')).toBe(`  ${line} | `.length + column - 1);
  });

  it('a config that loads is unaffected (TypeScript with an import, JavaScript, JSON)', async () => {
    const ts = await loadConfig(write('alimock.config.ts', 'const w: number = 2;\nexport default { workers: w };\n'));
    expect(ts.ok && ts.value.config).toEqual({ workers: 2 });
    const mjs = await loadConfig(write('alimock.config.mjs', "export default { driver: 'http' };\n"));
    expect(mjs.ok && mjs.value.config).toEqual({ driver: 'http' });
    const json = await loadConfig(write('alimock.config.json', '{"groups":["faq"]}'));
    expect(json.ok && json.value.config).toEqual({ groups: ['faq'] });
  });

  it('an error thrown while the config runs is reported in one line, without a stack', async () => {
    const r = await loadConfig(write('alimock.config.mjs', "throw new Error('no DATABASE_URL');\n"));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/could not load the config: no DATABASE_URL$/);
  });
});
