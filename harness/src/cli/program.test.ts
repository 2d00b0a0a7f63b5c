/**
 * `main` in process (the exit code and the stderr lines are its own work, not the process boundary's): an internal
 * error — an exception no command turned into a result — is one line with a hint, and its stack trace follows only
 * with ALIMOCK_DEBUG=1; misuse stays one line either way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './program.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Runs `main(argv)` with ALIMOCK_DEBUG set to `debug`; answers what it wrote on stderr and the exit code it set. */
async function runMain(argv: string[], debug: string | undefined): Promise<{ stderr: string; code: unknown }> {
  vi.stubEnv('ALIMOCK_DEBUG', debug);
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const before = process.exitCode;
  try {
    await main(argv);
    return { stderr: written.join(''), code: process.exitCode };
  } finally {
    process.exitCode = before;
  }
}

/** `alimock mint` with a stdout that throws: a stand-in for any unexpected exception inside a command. */
function breakStdout(): Error {
  const error = new Error('stdout is gone');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => {
    throw error;
  });
  return error;
}

describe('main: an internal error', () => {
  it('without ALIMOCK_DEBUG: one line, exit 1, the hint and no stack trace', async () => {
    breakStdout();
    for (const debug of [undefined, '', '0']) {
      const r = await runMain(['mint'], debug);
      expect(r.code, String(debug)).toBe(1);
      expect(r.stderr, String(debug)).toBe(
        'alimock: internal error: stdout is gone (set ALIMOCK_DEBUG=1 for the stack trace)\n',
      );
    }
  });

  it('with ALIMOCK_DEBUG=1: the line without the hint, then the stack trace', async () => {
    const error = breakStdout();
    const r = await runMain(['mint'], '1');
    expect(r.code).toBe(1);
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toBe('alimock: internal error: stdout is gone');
    expect(rest.join('\n')).toBe(`${error.stack}\n`);
    expect(rest[0]).toBe('Error: stdout is gone');
    expect(rest[1]).toMatch(/^\s+at /);
  });

  it('with ALIMOCK_DEBUG=1, misuse is still one line (exit 2)', async () => {
    const r = await runMain(['mint', '--mobile', 'abc'], '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^alimock: .*--mobile.*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});
