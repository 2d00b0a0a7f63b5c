import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKeysDir, loadKeyDir } from './load-keys.js';
import { MAX_KEY_FILE_BYTES, readBoundedText } from './read-bounded.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'alimock-bounded-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('readBoundedText', () => {
  it('reads a small file; refuses a missing one, a directory, a device and a too large file, without reading them', () => {
    const small = join(work, 'small.txt');
    writeFileSync(small, 'abc\n');
    expect(readBoundedText(small)).toEqual({ ok: true, value: 'abc\n' });
    expect(readBoundedText(join(work, 'nope'))).toMatchObject({ ok: false, reason: 'missing' });
    expect(readBoundedText(work)).toMatchObject({ ok: false, reason: 'directory' });
    for (const device of ['/dev/zero', '/dev/urandom'])
      expect(readBoundedText(device)).toMatchObject({
        ok: false,
        reason: 'not-a-file',
        detail: expect.stringMatching(/not a regular file/),
      });
    const big = join(work, 'big.txt');
    writeFileSync(big, Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 'a'));
    expect(readBoundedText(big)).toMatchObject({
      ok: false,
      reason: 'too-large',
      detail: expect.stringMatching(/1048577 bytes, more than the 1048576/),
    });
    expect(readBoundedText(small, 3)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('a FIFO without a writer is refused at once instead of waiting forever', () => {
    const fifo = join(work, 'fifo');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo here (e.g. Windows): nothing to check
    }
    expect(readBoundedText(fifo)).toMatchObject({ ok: false, reason: 'not-a-file' });
  });
});

describe('serve, mint and run read the keys folder bounded', () => {
  it('aes.txt → /dev/zero, alipay-public.txt → /dev/urandom, a 2 MB app.json: one line each, at once', () => {
    for (const [name, make] of [
      ['aes.txt', (p: string) => symlinkSync('/dev/zero', p)],
      ['alipay-public.txt', (p: string) => symlinkSync('/dev/urandom', p)],
      ['app.json', (p: string) => writeFileSync(p, `{"appId":"${'1'.repeat(2_000_000)}"}`)],
    ] as const) {
      const dir = join(work, `keys-${name}`);
      cpSync(defaultKeysDir(), dir, { recursive: true });
      rmSync(join(dir, name));
      make(join(dir, name));
      const loaded = loadKeyDir(dir);
      expect(loaded.ok).toBe(false);
      if (!loaded.ok)
        expect(loaded.reason).toMatch(
          new RegExp(`${name.replace('.', '\\.')}: (is not a regular file|is \\d+ bytes, more than)`),
        );
    }
  });
});
