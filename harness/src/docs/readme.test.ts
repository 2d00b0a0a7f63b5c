/** README.md stays a newcomer's page: at most 15 KB, with the two commands, pointing into docs/ for the rest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './test/package-files.js';

const readme = readFileSync(join(ROOT, 'README.md'));

describe('README.md', () => {
  it('is at most 15 KB', () => {
    expect(readme.byteLength).toBeLessThanOrEqual(15 * 1024);
  });

  it('gives the two commands and points into docs/', () => {
    const text = readme.toString('utf8');
    expect(text).toContain('npm ci && npm run demo');
    expect(text).toContain('npm test');
    expect(text).toContain('(docs/README.md)');
    const linked = new Set([...text.matchAll(/\]\(docs\/([\w-]+\.md)/g)].map((m) => m[1]));
    expect(linked.size).toBeGreaterThanOrEqual(10);
  });
});
