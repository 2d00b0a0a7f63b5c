/**
 * The snippet keys/README.md gives a team runs as written: it reads the key files (app.json holds an em-dash in its
 * TEST-ONLY note; the private keys end with a TEST-ONLY line) and builds alipay-sdk's client from them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../package-root.js';

const ROOT = findPackageRoot();
// inside the package, so that `import 'alipay-sdk'` resolves from the project's node_modules
const DIR = join(ROOT, 'node_modules', '.cache', `alimock-readme-snippet-${process.pid}`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('keys/README.md', () => {
  it('its "Using them" snippet runs against the key files as they are', () => {
    const readme = readFileSync(join(ROOT, 'keys', 'README.md'), 'utf8');
    const snippet = /## Using them\s+```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    mkdirSync(DIR, { recursive: true });
    cpSync(join(ROOT, 'keys'), DIR, { recursive: true });
    expect([...readFileSync(join(DIR, 'app.json'), 'utf8')].some((c) => c.charCodeAt(0) > 127)).toBe(true); // the note is not ASCII
    writeFileSync(join(DIR, 'snippet.mjs'), `${snippet}\nconsole.log(JSON.stringify({ appId: sdk.config.appId }));\n`);
    const out = execFileSync(process.execPath, [join(DIR, 'snippet.mjs')], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop() as string)).toEqual({
      appId: JSON.parse(readFileSync(join(ROOT, 'keys', 'app.json'), 'utf8')).appId,
    });
  });
});
