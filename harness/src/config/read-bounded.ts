import { closeSync, openSync, readSync, statSync } from 'node:fs';

export type ReadResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Reads a text file of at most `limit` bytes. Refuses, with a reason, what is not a regular file (a folder,
 * /dev/zero, a pipe) or is larger — reading stops at the limit, so a device that never ends cannot hang the CLI.
 */
export function readBoundedText(path: string, limit: number): ReadResult {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, reason: `${path} is a folder, not a file` };
    if (!st.isFile()) return { ok: false, reason: `${path} is not a regular file` };
    if (st.size > limit) return { ok: false, reason: `${path} is ${st.size} bytes; the limit is ${limit}` };
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(limit + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > limit) return { ok: false, reason: `${path} is larger than the limit of ${limit} bytes` };
    }
    return { ok: true, value: buf.subarray(0, n).toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' ? `no file at ${path}` : `cannot read ${path}: ${(e as Error).message}`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
