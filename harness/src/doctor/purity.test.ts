/**
 * `diagnose` is pure: everything it imports, transitively, uses no Node module but crypto (and Buffer) — no file
 * system, network, child processes or timers' modules — and no package.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Runtime imports (not `import type`) of a TypeScript file. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    if (/^\s*(import|export)\s+type\s/.test(m[0].trim())) continue;
    const spec = m[1] ?? m[2];
    if (spec) out.push(spec);
  }
  return out;
}

function graph(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else external.add(spec);
    }
  }
  return { files, external };
}

describe('diagnose is pure', () => {
  it('its import graph reaches node:crypto and nothing else outside the project', () => {
    const { files, external } = graph(join(ROOT, 'harness/src/doctor/diagnose.ts'));
    expect(files.size).toBeGreaterThan(8);
    expect([...external].sort()).toEqual(['node:crypto']);
  });

  it('the scan sees what the CLI side imports (it can fail)', () => {
    const { external } = graph(join(ROOT, 'harness/src/cli/doctor-command.ts'));
    expect(external).toContain('node:fs');
    expect(external).toContain('node:fs/promises');
  });
});
