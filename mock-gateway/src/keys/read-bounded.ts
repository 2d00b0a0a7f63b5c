import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What a key, certificate or settings file may weigh: far above any real one (an RSA-4096 PEM is ~3.3 KB). */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

export type BoundedRead =
  | { ok: true; value: string }
  | { ok: false; reason: 'missing' | 'directory' | 'not-a-file' | 'too-large' | 'unreadable'; detail: string };

/**
 * Reads a text file of at most `maxBytes`, never more: a device (`/dev/zero`, `/dev/urandom`), a pipe or a huge
 * file is refused instead of read until memory runs out or forever. Never throws.
 */
export function readBoundedText(path: string, maxBytes: number = MAX_KEY_FILE_BYTES): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not hang (it is refused below as not a regular file)
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'missing' };
    if (code === 'EISDIR') return { ok: false, reason: 'directory', detail: 'is a directory, expected a file' };
    return { ok: false, reason: 'unreadable', detail: `cannot be read (${code ?? String(e)})` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'directory', detail: 'is a directory, expected a file' };
    if (!stat.isFile())
      return {
        ok: false,
        reason: 'not-a-file',
        detail: 'is not a regular file (a device, pipe or socket): give a file',
      };
    if (stat.size > maxBytes)
      return {
        ok: false,
        reason: 'too-large',
        detail: `is ${stat.size} bytes, more than the ${maxBytes} bytes a key file may have`,
      };
    // read at most maxBytes + 1 bytes even if the file grew since: one byte more means too large
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes)
        return { ok: false, reason: 'too-large', detail: `is more than the ${maxBytes} bytes a key file may have` };
    }
    return { ok: true, value: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'unreadable', detail: `cannot be read (${code ?? String(e)})` };
  } finally {
    closeSync(fd);
  }
}
