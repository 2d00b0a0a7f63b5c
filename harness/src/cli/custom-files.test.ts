/**
 * A team's own scenarios and reporters, through the CLI (`main`, in this process, in the project's folder):
 * `alimock run --scenarios FILE` runs exactly them; a config lists scenario files next to `builtin`, and reporters
 * as modules.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../core/types.js';
import { runCliInProcess as runCli } from '../test-support/cli-in-process.js';
import { BUSY_TWICE } from '../test-support/scenario-files.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('custom-files');
afterAll(() => dirs.cleanup());

describe('custom scenarios and reporters', () => {
  it('--scenarios FILE runs exactly the file’s scenarios against the reference backend', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ scenarios: [BUSY_TWICE] }));
    const r = await runCli(['run', '--driver', 'http', '--scenarios', 'mine.json', '--report-dir', 'out'], {
      cwd: dir,
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as RunReport;
    expect(report.scenarios.map((s) => [s.id, s.group, s.status])).toEqual([
      ['busy-twice-then-ok', 'custom', 'passed'],
    ]);
    const phone = report.scenarios[0]?.evidence.backend.filter((x) => x.role === 'phone') ?? [];
    expect(phone.map((x) => x.response?.status)).toEqual([503, 503, 200]);
  });

  it('a broken scenario file: exit 2, one line naming the place', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...BUSY_TWICE, expect: { kind: 'maybe' } }));
    const r = await runCli(['run', '--driver', 'http', '--scenarios', 'mine.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /mine\.json: expect\.kind must be one of "accepted", "rejected", "no-call", "same-answer", "informational"/,
    );
  });

  it('config: scenario files next to builtin, and a reporter module that writes its own file', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify(BUSY_TWICE));
    writeFileSync(
      join(dir, 'count-reporter.mjs'),
      `import { writeFileSync } from 'node:fs';
       export default ({ reportDir }) => ({
         name: 'count',
         onRunEnd(report) { writeFileSync(reportDir + '/count.txt', report.scenarios.length + ' ' + report.summary.passed); },
       });\n`,
    );
    writeFileSync(
      join(dir, 'alimock.config.mjs'),
      `export default { driver: 'http', groups: ['faq', 'custom'], reportDir: 'out',
         scenarios: ['builtin', 'mine.json'], reporters: ['json', './count-reporter.mjs'] };\n`,
    );
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'count.txt'), 'utf8')).toBe('17 17');
    expect(existsSync(join(dir, 'out', 'report.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'junit.xml'))).toBe(false);
  });

  it('a failed run points at a report that was written (report.json without the HTML reporter)', async () => {
    const dir = dirs.make();
    // expects a refusal where the reference backend binds after the two busy answers: fails
    writeFileSync(
      join(dir, 'wrong.json'),
      JSON.stringify({ ...BUSY_TWICE, expect: { kind: 'rejected', codes: ['ALIPAY_BUSY'] } }),
    );
    writeFileSync(
      join(dir, 'alimock.config.mjs'),
      `export default { driver: 'http', reportDir: 'out', reporters: ['console', 'json'] };\n`,
    );
    const r = await runCli(['run', '--scenarios', 'wrong.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^reports: out\/report\.json$/m);
    expect(r.stderr.trim()).toBe('alimock: 1 of 1 scenarios failed: see out/report.json');
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(false);
  });

  it('a reporter module that exports nothing usable: exit 2, one line', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'bad.mjs'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'alimock.config.mjs'), `export default { driver: 'http', reporters: ['./bad.mjs'] };\n`);
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reporter .*bad\.mjs: export a reporter/);
  });
});
