/** A project mounted lazily is compiled on its first request, once for requests that arrive together. */
import { afterAll, describe, expect, it } from 'vitest';
import { buildGateway, miniProgramsOf } from '../app.js';
import type { MountedMiniProgram } from './mounted-mini-program.js';

const program: MountedMiniProgram = {
  files: new Map([['', { body: '<!doctype html><p>shell</p>', contentType: 'text/html' }]]),
  assets: {},
};

const app = await buildGateway();
afterAll(() => app.close());

describe('MiniProgramRegistry.mountLazy', () => {
  it('compiles on the first request, once, even for requests that arrive together', async () => {
    let compiles = 0;
    const path = miniProgramsOf(app).mountLazy('lazy-ok', async () => {
      compiles++;
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true, value: program };
    });
    expect(path).toBe('/mp/lazy-ok/');
    expect(compiles).toBe(0);
    const answers = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'GET', url: path })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers[0]?.body).toContain('shell');
    await app.inject({ method: 'GET', url: path });
    expect(compiles).toBe(1);
  });

  it('a compile that fails answers 503 naming why, never a 500', async () => {
    const path = miniProgramsOf(app).mountLazy('lazy-bad', async () => ({ ok: false, reason: 'app.json is missing' }));
    const res = await app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ message: 'mini-program "lazy-bad" could not be prepared: app.json is missing' });
    const thrown = miniProgramsOf(app).mountLazy('lazy-throws', async () => {
      throw new Error('boom');
    });
    expect((await app.inject({ method: 'GET', url: thrown })).json()).toMatchObject({ message: /boom/ });
  });

  it('mounting again replaces a lazy mount; an id never mounted is a 404', async () => {
    const registry = miniProgramsOf(app);
    registry.mountLazy('lazy-replaced', async () => ({ ok: false, reason: 'not this one' }));
    registry.mount('lazy-replaced', program);
    expect((await app.inject({ method: 'GET', url: '/mp/lazy-replaced/' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/mp/never/' })).statusCode).toBe(404);
  });
});
