import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEMO_USER } from '../model/users.js';
import { plaintextFor } from '../protocol/index.js';
import { type RunningGateway, startGateway } from '../server.js';
import { inspectWith } from '../test-support/envelope-check.js';
import { MOCK_ERRORS } from './errors.js';

let gw: RunningGateway;
let n = 0;

beforeAll(async () => {
  gw = await startGateway({ port: 0 });
});
afterAll(async () => {
  await gw.close();
});

interface Sent {
  status: number;
  text: string;
  elapsedMs: number;
}

async function post(base: string, path: string, body: unknown, session?: string, signal?: AbortSignal): Promise<Sent> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-alimock-session': session } : {}) },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, elapsedMs: performance.now() - t };
}

async function rule(session: string, body: Record<string, unknown>): Promise<string> {
  const r = await post(gw.url, '/__admin/rules', body, session);
  expect(r.status, r.text).toBe(201);
  return (JSON.parse(r.text) as { id: string }).id;
}

const getPhone = (session: string, signal?: AbortSignal) => post(gw.url, '/jsapi/getPhoneNumber', {}, session, signal);

/** A served, honest success answer for the demo user. */
function expectSuccess(r: Sent): void {
  expect(r.status, r.text).toBe(200);
  const envelope = (JSON.parse(r.text) as { response: string }).response;
  expect(inspectWith(gw.app, envelope).plaintext).toBe(plaintextFor('success', DEMO_USER.mobile));
}

async function journal(session: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${gw.url}/__admin/journal?session=${session}&api=getPhoneNumber`);
  return ((await res.json()) as { entries: Array<Record<string, unknown>> }).entries;
}

describe('transport faults over a real socket', () => {
  it('latency (fixed): the answer arrives no sooner than the delay, and is the honest one', async () => {
    const s = `tf-${++n}`;
    const id = await rule(s, { action: { kind: 'latency', ms: 200 }, times: 1 });
    const slow = await getPhone(s);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(195);
    expectSuccess(slow);
    const fast = await getPhone(s);
    expectSuccess(fast);
    expect(fast.elapsedMs).toBeLessThan(slow.elapsedMs);
    const entries = await journal(s);
    expect(entries[0]).toMatchObject({ status: 200, rules: [id], outcome: 'success' });
    expect(entries[0]?.durationMs as number).toBeGreaterThanOrEqual(195);
    expect(entries[1]?.rules).toBeUndefined();
  });

  it('latency (seeded range) stays within bounds; latencies of two rules add up', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'latency', ms: [100, 150] }, seed: 3, times: 1 });
    await rule(s, { action: { kind: 'latency', ms: 50 }, times: 1 });
    const r = await getPhone(s);
    expectSuccess(r);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(145);
    expect(r.elapsedMs).toBeLessThan(2_000);
  });

  it('HTTP status without a body → the catalogue error body; with a body → that body, as text', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'status', status: 503 }, times: 1 });
    await rule(s, { action: { kind: 'status', status: 502, body: 'upstream said no' }, times: 1 });
    const a = await getPhone(s);
    expect(a.status).toBe(503);
    expect(JSON.parse(a.text)).toEqual({
      error: {
        code: 'INJECTED_STATUS',
        message: 'a fault rule answered HTTP 503',
        hint: MOCK_ERRORS.INJECTED_STATUS.hint,
      },
    });
    const b = await getPhone(s);
    expect(b.status).toBe(502);
    expect(b.text).toBe('upstream said no');
    expectSuccess(await getPhone(s));
    const entries = await journal(s);
    expect(entries.map((e) => [e.status, e.fault])).toEqual([
      [503, 'status 503'],
      [502, 'status 502'],
      [200, undefined],
    ]);
  });

  it('status 200 without a body answers { injected: true }', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'status', status: 200 }, times: 1 });
    const r = await getPhone(s);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ injected: true });
  });

  it('reset: the client sees the connection die; the gateway keeps serving', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'reset' }, times: 1 });
    await expect(getPhone(s)).rejects.toThrow();
    expectSuccess(await getPhone(s));
    expectSuccess(await getPhone(`tf-other-${n}`));
    const entries = await journal(s);
    expect(entries.map((e) => [e.status, e.fault ?? null])).toEqual([
      [0, 'reset'],
      [200, null],
    ]);
    // the evidence of what would have been sent is kept
    expect(entries[0]).toMatchObject({ outcome: 'success', envelope: expect.any(String) });
  });

  it('reset on other JSAPI routes too (authorize)', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'reset' }, scope: { api: 'authorize' }, times: 1 });
    await expect(post(gw.url, '/jsapi/authorize', { scope: 'phoneNumber', decision: 'allow' }, s)).rejects.toThrow();
    expectSuccess(await getPhone(s));
    const ok = await post(gw.url, '/jsapi/authorize', { scope: 'phoneNumber', decision: 'allow' }, s);
    expect(ok.status).toBe(200);
  });

  it('no-answer: the client times out; the gateway still serves others', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'no-answer' }, times: 1 });
    const t = performance.now();
    const held = getPhone(s, AbortSignal.timeout(300));
    await expect(held).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expectSuccess(await getPhone(s));
    const entries = await journal(s);
    expect(entries.map((e) => [e.status, e.fault ?? null])).toEqual([
      [0, 'no-answer'],
      [200, null],
    ]);
  });

  it('no-answer with holdMs: the gateway drops the connection after holdMs', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'no-answer', holdMs: 150 }, times: 1 });
    const t = performance.now();
    await expect(getPhone(s, AbortSignal.timeout(5_000))).rejects.toThrow();
    const elapsed = performance.now() - t;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(4_000);
    expectSuccess(await getPhone(s));
  });

  it('a payload rule and a transport rule combine: the journal keeps the outcome and the fault', async () => {
    const s = `tf-${++n}`;
    await rule(s, { action: { kind: 'outcome', outcome: '20000' }, times: 1 });
    await rule(s, { action: { kind: 'status', status: 500 }, times: 1 });
    const r = await getPhone(s);
    expect(r.status).toBe(500);
    const [entry] = await journal(s);
    expect(entry).toMatchObject({ status: 500, fault: 'status 500', outcome: '20000' });
    expect(entry?.rules).toHaveLength(2);
  });
});

describe('closing with a held connection', () => {
  it('close() returns promptly while a no-answer connection is held; the client then fails', async () => {
    const own = await startGateway({ port: 0 });
    await post(own.url, '/__admin/rules', { action: { kind: 'no-answer' } });
    const held = post(own.url, '/jsapi/getPhoneNumber', {}).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    // wait until the gateway holds it
    for (let i = 0; i < 100; i++) {
      if (gatewayModel(own.app).store.journal.count({ api: 'getPhoneNumber' }) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(gatewayModel(own.app).store.journal.query({ api: 'getPhoneNumber' })[0]?.fault).toBe('no-answer');
    const t = performance.now();
    await own.close();
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(await held).not.toBe('answered');
  });

  it('close() returns promptly while a request sits in a long latency delay', async () => {
    const own = await startGateway({ port: 0 });
    await post(own.url, '/__admin/rules', { action: { kind: 'latency', ms: 60_000 } });
    const pending = post(own.url, '/jsapi/getPhoneNumber', {}).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    await new Promise((r) => setTimeout(r, 100));
    const t = performance.now();
    await own.close();
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(await pending).not.toBe('answered');
  });

  it('a closed gateway does not keep its process alive while a request waits out a latency', async () => {
    const fixture = fileURLToPath(new URL('../test-support/fixtures/close-during-latency.mjs', import.meta.url));
    const t = performance.now();
    const child = spawn(process.execPath, [fixture], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      out += String(d);
    });
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', (c) => {
        clearTimeout(kill);
        resolve(c);
      });
    });
    expect(out).toContain('closed');
    expect(code).toBe(0);
    // the latency was 30 s: exiting well before it means nothing kept the process alive
    expect(performance.now() - t).toBeLessThan(15_000);
  });
});
