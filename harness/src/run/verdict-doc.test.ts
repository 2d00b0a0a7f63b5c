import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';
import { VERDICT_RULE } from './verdict.js';

describe('the verdict rule is written down once', () => {
  it('docs/contract.md states VERDICT_RULE, line by line, in order', () => {
    const doc = readFileSync(join(ROOT, 'docs/contract.md'), 'utf8');
    for (const [i, line] of VERDICT_RULE.entries()) expect(doc).toContain(`${i + 1}. ${line}`);
  });
});
