/**
 * docs/contract.md's table of error codes is the contract's: every code of `CONTRACT_CODES`, once, with its typical
 * HTTP status from `CONTRACT_STATUS`, and no other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_CODES, CONTRACT_STATUS } from '../target/contract.js';
import { ROOT } from './test/package-files.js';

/** Rows `| \`CODE\` | when | status |` of a Markdown text: code → status. */
function codeRows(text: string): Array<[string, number]> {
  return [...text.matchAll(/^\| `([A-Z][A-Z_]+)` \|[^|\n]*\| (\d{3}) \|$/gm)].map((m) => [
    m[1] as string,
    Number(m[2]),
  ]);
}

describe('docs/contract.md', () => {
  it('reads code rows (and only them)', () => {
    expect(codeRows('| `A_B` | when | 418 |\n| `a` | x | 200 |\n| CODE | when | typical HTTP |')).toEqual([
      ['A_B', 418],
    ]);
  });

  it('lists every contract code with its typical status, and no other', () => {
    const rows = codeRows(readFileSync(join(ROOT, 'docs/contract.md'), 'utf8'));
    expect(rows).toEqual(CONTRACT_CODES.map((code) => [code, CONTRACT_STATUS[code]]));
  });
});
