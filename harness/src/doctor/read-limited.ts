/**
 * Reading what `alimock doctor` is given — a payload file, stdin, key files — up to a limit, so `/dev/zero`,
 * `/dev/urandom` or a huge file end promptly with one clear line instead of exhausting memory. I/O: used by the CLI,
 * never by `diagnose`.
 */
import { open } from 'node:fs/promises';
import { formatLimit } from './constants.js';
import { echo } from './echo.js';

export { KEY_LIMIT, PAYLOAD_LIMIT } from './constants.js';

export type LimitedRead = { ok: true; text: string } | { ok: false; reason: string };

/** What is read: a payload or a key. */
export type InputKind = 'payload' | 'key';

/** The one-line reason for a source larger than `limit`. */
export function tooLarge(source: string, limit: number, kind: InputKind): string {
  return `${source}: larger than ${formatLimit(limit)}, the limit for a ${kind} (a real one is a few KB)`;
}

const CHUNK = 64 * 1024;

/** Reads the file at `path` (`source` names it in messages), failing as soon as it exceeds `limit` bytes. */
export async function readFileLimited(
  path: string,
  limit: number,
  source: string,
  kind: InputKind,
): Promise<LimitedRead> {
  const label = echo(source, 200);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { ok: false, reason: tooLarge(label, limit, kind) };
      chunks.push(buf.subarray(0, bytesRead));
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: `${label}: no such file` };
    if (code === 'EISDIR') return { ok: false, reason: `${label}: is a directory, expected a file` };
    if (code === 'EACCES') return { ok: false, reason: `${label}: permission denied` };
    return { ok: false, reason: `${label}: cannot be read (${code ?? (e as Error).message})` };
  } finally {
    await handle?.close();
  }
}

/** Reads a stream (stdin) to its end, failing — and stopping to read — as soon as it exceeds `limit` bytes. */
export async function readStreamLimited(
  stream: AsyncIterable<Buffer | string>,
  limit: number,
  source: string,
  kind: InputKind,
): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    // leaving the loop destroys the stream: nothing more is read
    if (total > limit) return { ok: false, reason: tooLarge(source, limit, kind) };
    chunks.push(buf);
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}
