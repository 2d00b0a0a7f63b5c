/**
 * The two vitest projects the README offers (`npm run test:unit`, `npm run test:e2e`) split exactly the files that
 * `npm test` runs as one pool, and that is every test file in the repository: none is run twice, none never.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';

const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const SKIPPED = new Set(['node_modules', 'dist', '.git']);

/** `vitest list --filesOnly` (globs only, nothing is imported): project name → files */
function listed(...args: string[]): Map<string | undefined, string[]> {
  const out = execFileSync(process.execPath, [VITEST, 'list', '--filesOnly', '--json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const byProject = new Map<string | undefined, string[]>();
  for (const { file, projectName } of JSON.parse(out) as Array<{ file: string; projectName?: string }>) {
    byProject.set(projectName, [...(byProject.get(projectName) ?? []), relative(ROOT, file)]);
  }
  for (const files of byProject.values()) files.sort();
  return byProject;
}

function testFilesOnDisk(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (e.isDirectory()) return SKIPPED.has(e.name) ? [] : testFilesOnDisk(join(dir, e.name));
      return e.name.endsWith('.test.ts') ? [relative(ROOT, join(dir, e.name))] : [];
    })
    .sort();
}

describe('vitest projects', () => {
  it('npm test runs every test file as one project; --project unit and --project e2e split them', () => {
    const all = listed();
    expect([...all.keys()]).toEqual([undefined]);
    expect(all.get(undefined)).toEqual(testFilesOnDisk());

    const unit = listed('--project', 'unit');
    const e2e = listed('--project=e2e');
    expect([...unit.keys(), ...e2e.keys()]).toEqual(['unit', 'e2e']);
    const both = [...(unit.get('unit') ?? []), ...(e2e.get('e2e') ?? [])].sort();
    expect(both).toEqual(all.get(undefined));
    expect(unit.get('unit')?.length).toBeGreaterThan(50);
    expect(e2e.get('e2e')?.length).toBeGreaterThan(30);
  });
});
