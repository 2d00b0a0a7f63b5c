/**
 * docs/running.md's table of root causes is the diagnosis's: every cause id a report can name (`CAUSE_IDS`), once,
 * in the order reports show them, and no other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../core/root-cause.js';
import { ROOT } from './test/package-files.js';

describe('docs/running.md', () => {
  it('lists every root cause, in the order reports show them', () => {
    const text = readFileSync(join(ROOT, 'docs', 'running.md'), 'utf8');
    const table = text.slice(text.indexOf('| cause | what it means |'));
    const rows = [...table.matchAll(/^\| `([a-z][a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...CAUSE_IDS]);
  });
});
