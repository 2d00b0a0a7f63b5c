import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../test-support/built-cli.js';
import { mint, testKeys } from './test/payloads.js';

beforeAll(() => ensureBuilt(), 120_000);

describe('diagnose through the package entry', () => {
  it("import { diagnose } from 'alimock' works in a team's test (the built package, resolved by name)", () => {
    const keys = testKeys();
    const script = `
      import { diagnose, FINDINGS } from 'alimock';
      const [payload, alipayPublicKey, aesKey] = process.argv.slice(1);
      const fine = diagnose(payload, { alipayPublicKey, aesKey });
      const damaged = diagnose(payload.replace(/\\+/g, ' '), { alipayPublicKey, aesKey });
      process.stdout.write(JSON.stringify({ fine: fine.ok, damaged: damaged.problems, findings: FINDINGS.length }));
    `;
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, mint(keys), keys.alipayPublicKeyBase64, keys.aesKey],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ fine: true, damaged: ['plus-became-space'], findings: expect.any(Number) });
  });

  it('its types come with it: the declarations of the entry export diagnose and the Diagnosis types', () => {
    const dts = readFileSync(join(ROOT, 'dist/harness/src/index.d.ts'), 'utf8');
    expect(dts).toContain("export { diagnose } from './doctor/diagnose.js';");
    for (const name of ['Diagnosis', 'DiagnosisStep', 'Finding', 'DiagnoseOptions', 'FINDINGS'])
      expect(dts).toContain(name);
  });
});
