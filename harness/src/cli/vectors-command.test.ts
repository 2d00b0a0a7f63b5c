/** `alimock vectors` from outside: the files it writes, determinism, and one-line misuse errors (exit 2). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../test-support/built-cli.js';
import { runCliInProcess } from '../test-support/cli-in-process.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('vectors-cli');
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => dirs.cleanup());

describe('alimock vectors', () => {
  it('writes vectors.json and vectors.schema.json; the same seed gives the same bytes, another seed other ones', async () => {
    const [a, b, c] = [dirs.make(), dirs.make(), dirs.make()];
    const first = await runCliInProcess(['vectors', '--out', join(a, 'new', 'folder'), '--seed', '42']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^wrote \d+ vectors to .*vectors\.json \(schema: vectors\.schema\.json\)\n$/);
    expect((await runCliInProcess(['vectors', '--out', b, '--seed', '42'])).code).toBe(0);
    expect((await runCliInProcess(['vectors', '--out', c, '--seed', '43'])).code).toBe(0);
    const text = (dir: string) => readFileSync(join(dir, 'vectors.json'), 'utf8');
    expect(text(join(a, 'new', 'folder'))).toBe(text(b));
    expect(text(c)).not.toBe(text(b));
    const file = JSON.parse(text(b)) as { keys: object; vectors: Array<{ id: string }> };
    expect(Object.keys(file)).toEqual(['keys', 'vectors']);
    expect(file.vectors.map((v) => v.id)).toContain('faq1-success');
    const schema = JSON.parse(readFileSync(join(b, 'vectors.schema.json'), 'utf8')) as { $schema: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each([
    [[], /required option '--out <dir>'/],
    [['--out', 'x', '--seed', 'abc'], /--seed.*non-negative integer/],
    [['--out', 'x', '--keys', '/nonexistent-alimock-keys'], /nonexistent-alimock-keys: not a directory/],
    [['--out', 'x', '--frob'], /unknown option '--frob'/],
  ])('misuse %j → one line, exit 2', async (args, message) => {
    const run = await runCli(['vectors', ...args], { cwd: dirs.make() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('--out naming a file → exit 2', async () => {
    const file = join(dirs.make(), 'a-file');
    writeFileSync(file, 'x');
    const run = await runCliInProcess(['vectors', '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a file: --out takes a folder/);
  });
});
