/**
 * docs/scenarios.md states what each scenario expects: one row per scenario whose answer cell names exactly the
 * codes the scenario allows (or what it expects instead of a code), and a table of the expectations that change
 * without a required signature.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import type { Expectation } from '../core/types.js';
import { expectationFor, type ScenarioDefinition } from '../scenario/types.js';
import { ROOT } from './test/package-files.js';

const doc = readFileSync(join(ROOT, 'docs/scenarios.md'), 'utf8');
const [scenariosPart = '', after = ''] = doc.split(/^## Without a required signature$/m);
const withoutSignature = after.split(/^## /m)[0] ?? '';

/** The last cell of the first table row whose first cell is `id`, in `text`. */
function answerCell(text: string, id: string): string | undefined {
  const row = text.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
  return row
    ?.split(/(?<!\\)\|/)
    .slice(1, -1)
    .at(-1)
    ?.trim();
}

const codesIn = (cell: string) => [...cell.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]).sort();

/** Why a cell does not state an expectation, or undefined when it does. */
function mismatch(cell: string, e: Expectation): string | undefined {
  switch (e.kind) {
    case 'accepted':
      return /accepted/.test(cell) && codesIn(cell).length === 0 ? undefined : 'should say accepted, no code';
    case 'rejected':
    case 'same-answer': {
      const want = [...(e.codes ?? [])].sort();
      if (e.kind === 'same-answer' && !/same answer/.test(cell)) return 'should say "the same answer"';
      return JSON.stringify(codesIn(cell)) === JSON.stringify(want) ? undefined : `should name ${want.join(', ')}`;
    }
    case 'no-call':
      return /no call reaches the backend/.test(cell) ? undefined : 'should say no call reaches the backend';
    case 'informational':
      return /informational/.test(cell) ? undefined : 'should say informational';
  }
}

const strict = (s: ScenarioDefinition) => expectationFor(s, { requireSignature: true });
const lax = (s: ScenarioDefinition) => expectationFor(s, { requireSignature: false });

describe('docs/scenarios.md', () => {
  it('counts the scenarios and the attacks', () => {
    const prose = doc.replace(/\s+/g, ' ');
    expect(prose).toContain(`runs ${allScenarios.length} scenarios`);
    expect(prose).toContain(`and ${allScenarios.filter((s) => s.group === 'security').length} attacks`);
  });

  it('is counted the same in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`${allScenarios.length} scenarios`);
    expect(readme).toContain(`${allScenarios.filter((s) => s.group === 'security').length} attacks`);
  });

  it.each(allScenarios.map((s) => [s.id, s] as const))('states what %s expects', (id, s) => {
    const cell = answerCell(scenariosPart, id);
    expect(cell, `no row for ${id}`).toBeDefined();
    expect(mismatch(cell as string, strict(s)), `${id}: "${cell}"`).toBeUndefined();
  });

  it('lists exactly the expectations that change without a required signature', () => {
    const changed = allScenarios.filter((s) => JSON.stringify(strict(s)) !== JSON.stringify(lax(s)));
    expect(changed.length).toBeGreaterThan(0);
    const rows = [...withoutSignature.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(changed.map((s) => s.id));
    for (const s of changed) {
      const cell = answerCell(withoutSignature, s.id) as string;
      expect(mismatch(cell, lax(s)), `${s.id}: "${cell}"`).toBeUndefined();
    }
  });

  it('checks what it must (a wrong cell is caught)', () => {
    expect(mismatch('`AUTH_REQUIRED`', { kind: 'rejected', codes: ['AUTH_REQUIRED', 'BAD_REQUEST'] })).toBeDefined();
    expect(mismatch('accepted, `NO_MOBILE_BOUND`', { kind: 'accepted', mobile: 'issued' })).toBeDefined();
    expect(mismatch('`A_B` or `C_D`', { kind: 'rejected', codes: ['C_D', 'A_B'] })).toBeUndefined();
  });
});
