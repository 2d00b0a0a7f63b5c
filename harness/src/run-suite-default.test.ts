/** The exported `runSuite` runs what the config names: its scenario files, not alimock's suite in their place. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuite } from './run-suite-default.js';
import { resolvedConfig } from './test-support/resolved-config.js';
import { tempDirs } from './test-support/temp-dir.js';

const dirs = tempDirs('run-suite-default');
afterAll(() => dirs.cleanup());

const MINE = {
  id: 'mine-refusal',
  title: 'the member refuses',
  cause: 'the member taps 拒绝',
  steps: [{ do: 'tap-authorize', choice: 'deny' }],
  expect: { kind: 'no-call' },
};

describe('runSuite (package entry)', () => {
  it("runs the config's scenario files", async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify(MINE));
    const config = resolvedConfig({ driver: 'http', scenarios: ['mine.json'], reportDir: dirs.make() }, {}, dir);
    const r = await runSuite(config, { reporters: [] });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.scenarios.map((s) => [s.id, s.status])).toEqual([['mine-refusal', 'passed']]);
  });

  it('a scenario file it cannot load: { ok: false } naming the file', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'bad.json'), '{ "id": ');
    const r = await runSuite(resolvedConfig({ driver: 'http', scenarios: ['bad.json'] }, {}, dir), { reporters: [] });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/bad\.json: not JSON/) });
  });
});
