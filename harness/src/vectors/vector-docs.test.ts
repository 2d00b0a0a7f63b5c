/** The docs name real vectors: docs/vectors.md lists every vector, and every id the pages cite exists. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import { ROOT } from '../test-support/built-cli.js';
import { vectorCatalogue } from './catalogue.js';

const DOCS = join(ROOT, 'docs');
const pages = [join(DOCS, 'vectors.md'), ...readdirSync(join(DOCS, 'recipes')).map((f) => join(DOCS, 'recipes', f))];
const VECTOR_IDS = vectorCatalogue.map((v) => v.id);
const KNOWN = new Set([...VECTOR_IDS, ...allScenarios.map((s) => s.id)]);
const LOOKS_LIKE_AN_ID = /^(faq\d|sec-|sign-|sha1-|short-form-|signed-)[a-z0-9-]*$/;

describe('docs and vectors', () => {
  it('docs/vectors.md lists every vector', () => {
    const text = readFileSync(join(DOCS, 'vectors.md'), 'utf8');
    for (const id of VECTOR_IDS) expect(text, id).toContain(`\`${id}\``);
  });

  it.each(pages)('%s cites only vectors and scenarios that exist', (page) => {
    const cited = [...readFileSync(page, 'utf8').matchAll(/`([a-z0-9-]+)`/g)]
      .map((m) => m[1] as string)
      .filter((token) => LOOKS_LIKE_AN_ID.test(token));
    expect(cited.length, page).toBeGreaterThan(0);
    expect(cited.filter((id) => !KNOWN.has(id))).toEqual([]);
  });
});
