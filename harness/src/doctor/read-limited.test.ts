import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLimit, KEY_LIMIT, PAYLOAD_LIMIT } from './constants.js';
import { readFileLimited, readStreamLimited } from './read-limited.js';

const work = mkdtempSync(join(tmpdir(), 'alimock-read-limited-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readFileLimited', () => {
  it('reads a file up to the limit, exactly', () => {
    const file = join(work, 'ok.txt');
    writeFileSync(file, Buffer.alloc(100, 'a'));
    return expect(readFileLimited(file, 100, 'f', 'payload')).resolves.toEqual({ ok: true, text: 'a'.repeat(100) });
  });

  it('one byte more is refused, naming the limit', async () => {
    const file = join(work, 'big.txt');
    writeFileSync(file, Buffer.alloc(101, 'a'));
    expect(await readFileLimited(file, 100, '--file big.txt', 'payload')).toEqual({
      ok: false,
      reason: '--file big.txt: larger than 100 bytes, the limit for a payload (a real one is a few KB)',
    });
  });

  it('endless devices end at the limit', async () => {
    expect(await readFileLimited('/dev/zero', PAYLOAD_LIMIT, '--file /dev/zero', 'payload')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('larger than 1 MiB'),
    });
    expect(await readFileLimited('/dev/urandom', KEY_LIMIT, '--aes-key @/dev/urandom', 'key')).toMatchObject({
      ok: false,
      reason: '--aes-key @/dev/urandom: larger than 64 KiB, the limit for a key (a real one is a few KB)',
    });
  });

  it('a missing file, a directory', async () => {
    expect(await readFileLimited(join(work, 'nope'), 10, 'x', 'key')).toEqual({ ok: false, reason: 'x: no such file' });
    expect(await readFileLimited(work, 10, 'x', 'key')).toEqual({
      ok: false,
      reason: 'x: is a directory, expected a file',
    });
  });
});

describe('readStreamLimited', () => {
  it('reads a stream to its end, and stops one that goes past the limit', async () => {
    expect(await readStreamLimited(Readable.from([Buffer.from('ab'), 'cd']), 4, 'stdin', 'payload')).toEqual({
      ok: true,
      text: 'abcd',
    });
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024));
      },
    });
    expect(await readStreamLimited(endless, 10 * 1024, 'stdin', 'payload')).toMatchObject({ ok: false });
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(40);
  });

  it('formats the limits as documented', () => {
    expect([formatLimit(PAYLOAD_LIMIT), formatLimit(KEY_LIMIT), formatLimit(1000)]).toEqual([
      '1 MiB',
      '64 KiB',
      '1000 bytes',
    ]);
  });
});
