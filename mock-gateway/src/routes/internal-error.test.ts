import { describe, expect, it } from 'vitest';
import { buildGateway } from '../app.js';
import { manualClock } from '../model/clock.js';
import { MOCK_ERRORS } from './errors.js';

describe('INTERNAL: a real bug', () => {
  it('answers 500 with a reference, and logs the stack trace under that reference', async () => {
    const logged: string[] = [];
    const app = await buildGateway({ clock: manualClock(), internalErrorLog: (text) => logged.push(text) });
    // a route with a bug (only a test can add one)
    app.get('/__test/bug', async () => {
      const broken = undefined as unknown as { method(): void };
      broken.method();
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/__test/bug?x=1' });
    await app.close();
    expect(res.statusCode).toBe(500);
    const error = res.json().error;
    expect(error.code).toBe('INTERNAL');
    expect(error.hint).toBe(MOCK_ERRORS.INTERNAL.hint);
    const ref = /internal error ([0-9a-f]{8}) in alimock \(TypeError: .*method/.exec(error.message)?.[1];
    expect(ref, error.message).toBeDefined();
    expect(error.message).toMatch(/stack trace is in the gateway's log \(stderr\)/);
    // the body carries no stack; the log does, with the same reference and the route
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`alimock: internal error ${ref} on GET /__test/bug:`);
    expect(logged[0]).toMatch(/TypeError: .*method[\s\S]*\n\s+at /);
  });

  it('a client mistake is never logged as a bug', async () => {
    const logged: string[] = [];
    const app = await buildGateway({ clock: manualClock(), internalErrorLog: (text) => logged.push(text) });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/clock',
      headers: { 'content-type': 'application/json' },
      payload: '{"advanceMs":',
    });
    await app.close();
    expect(res.statusCode).toBe(400);
    expect(logged).toEqual([]);
  });
});
