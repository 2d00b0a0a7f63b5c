import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/built-cli.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { serveSetup } from './serve-setup.js';

const dirs = tempDirs('serve-setup');
afterAll(() => dirs.cleanup());

describe('alimock serve --config: the page the playground shows', () => {
  it("a team's project with its phone button (miniProgram.button) and hosts", async () => {
    const dir = dirs.make();
    const root = join(ROOT, 'examples/mini-program');
    writeFileSync(
      join(dir, 'alimock.config.mjs'),
      `export default { miniProgram: { root: ${JSON.stringify(root)}, button: '#bind-phone', hosts: { 'https://api.example.com': 'target' } } };\n`,
    );
    const r = await serveSetup({ config: join(dir, 'alimock.config.mjs') } as Parameters<typeof serveSetup>[0]);
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
    if (!r.ok) return;
    expect(r.value.page).toEqual({
      kind: 'project',
      root,
      button: '#bind-phone',
      hosts: { 'https://api.example.com': 'target' },
    });
    expect(r.value.source).toMatch(/alimock\.config\.mjs: miniProgram$/);
  });

  it('without a config: --mini-program alone, the default button', async () => {
    const r = await serveSetup({ miniProgram: 'examples/mini-program' } as Parameters<typeof serveSetup>[0]);
    expect(r.ok && r.value.page).toEqual({ kind: 'project', root: 'examples/mini-program' });
  });
});
