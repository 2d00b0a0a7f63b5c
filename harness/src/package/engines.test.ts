/**
 * `engines` says what the package runs on: every package a user installs with alimock (its production
 * dependencies, all the way down) must accept the oldest Node version alimock claims.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';

interface Tree {
  version?: string;
  path?: string;
  dependencies?: Record<string, Tree>;
}

function collect(tree: Tree, out: Map<string, string>): void {
  for (const [name, dep] of Object.entries(tree.dependencies ?? {})) {
    if (dep.path && !out.has(dep.path)) {
      out.set(dep.path, name);
      collect(dep, out);
    }
  }
}

describe('engines', () => {
  it("every production dependency accepts the oldest Node alimock's engines allow", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(pkg.engines.node)?.version;
    expect(oldest).toBeDefined();
    const tree = JSON.parse(
      execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as Tree;
    const paths = new Map<string, string>();
    collect(tree, paths);
    expect(paths.size).toBeGreaterThan(20);
    const refusing: string[] = [];
    for (const [path, name] of paths) {
      const dep = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
        version: string;
        engines?: { node?: string };
      };
      const wants = dep.engines?.node;
      if (wants && !semver.satisfies(oldest as string, wants))
        refusing.push(`${name}@${dep.version} wants node ${wants}`);
    }
    expect(refusing).toEqual([]);
  });
});
