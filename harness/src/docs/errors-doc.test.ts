/**
 * docs/errors.md is the gateway's error catalogue, rendered: it lists every code with its status and hint, and
 * the committed page is exactly what the catalogue renders today (`ALIMOCK_WRITE_DOCS=1` rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_ERRORS } from '../../../mock-gateway/src/routes/errors.js';
import { ERRORS_DOC, REGENERATE, renderErrorsDoc } from './test/errors-doc.js';
import { ROOT } from './test/package-files.js';

const path = join(ROOT, ERRORS_DOC);

describe('docs/errors.md', () => {
  it('renders every code of a catalogue with its status and hint, escaping table syntax', () => {
    const page = renderErrorsDoc({ A_CODE: { status: 418, hint: 'brew | pour' }, B_CODE: { status: 400, hint: 'x' } });
    expect(page).toContain('| `A_CODE` | 418 | brew \\| pour |');
    expect(page).toContain('| `B_CODE` | 400 | x |');
    expect(page.indexOf('A_CODE')).toBeLessThan(page.indexOf('B_CODE'));
  });

  it('covers the whole catalogue', () => {
    const page = renderErrorsDoc();
    for (const [code, { status, hint }] of Object.entries(MOCK_ERRORS))
      expect(page, code).toContain(`| \`${code}\` | ${status} | ${hint} |`);
  });

  it('is what the catalogue renders (no drift)', () => {
    const rendered = renderErrorsDoc();
    if (process.env.ALIMOCK_WRITE_DOCS === '1') writeFileSync(path, rendered);
    const committed = readFileSync(path, 'utf8');
    expect(
      committed,
      `${ERRORS_DOC} differs from the error catalogue (mock-gateway/src/routes/errors.ts): regenerate it with\n  ${REGENERATE}\n`,
    ).toBe(rendered);
  });
});
