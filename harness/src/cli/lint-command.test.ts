import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { lintCommand } from './lint-command.js';

const dirs = tempDirs('lint-command');
afterAll(() => dirs.cleanup());

const examples = join(findPackageRoot(), 'examples');

describe('alimock lint', () => {
  let out = '';
  afterEach(() => {
    vi.restoreAllMocks();
    out = '';
  });
  const capture = () =>
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });

  it('exit 0 on a clean project', async () => {
    capture();
    expect(await lintCommand({ dir: join(examples, 'mini-program') })).toEqual({ ok: true });
    expect(out).toContain('no findings');
  });

  it('exit 1 with file:line:column and the fix of each finding', async () => {
    capture();
    expect(await lintCommand({ dir: join(examples, 'mini-program-wrong') })).toEqual({ ok: false, exitCode: 1 });
    expect(out).toContain('pages/bind/bind.js:12:5');
    expect(out).toContain('fix:');
    expect(out).toMatch(/\d+ findings/);
  });

  it('--json prints the findings', async () => {
    capture();
    await lintCommand({ dir: join(examples, 'mini-program-wrong'), json: true });
    const json = JSON.parse(out) as { findings: Array<{ rule: string }> };
    expect(json.findings.map((f) => f.rule)).toContain('get-phone-number-outside-authorize');
  });

  it('a project that does not build (an import that does not resolve) is a finding at its place', async () => {
    const root = dirs.make();
    cpSync(join(examples, 'mini-program'), root, { recursive: true });
    const js = join(root, 'pages', 'bind', 'bind.js');
    writeFileSync(js, `import { fmt } from '../../utils/nope';\n${readFileSync(js, 'utf8')}`);
    capture();
    expect(await lintCommand({ dir: root, json: true })).toEqual({ ok: false, exitCode: 1 });
    const json = JSON.parse(out) as { findings: Array<{ rule: string; file: string; line: number; message: string }> };
    expect(json.findings).toEqual([
      expect.objectContaining({ rule: 'build-error', file: 'pages/bind/bind.js', line: 1 }),
    ]);
    expect(json.findings[0]?.message).toMatch(/Could not resolve "..\/..\/utils\/nope"/);
  });

  it('exit 2 when the folder is not a mini-program', async () => {
    expect(await lintCommand({ dir: join(examples, 'no-such-folder') })).toMatchObject({ ok: false, exitCode: 2 });
  });
});
