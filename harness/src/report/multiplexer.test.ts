import { describe, expect, it } from 'vitest';
import { createMultiplexer } from './multiplexer.js';
import type { Reporter } from './reporter.js';
import { makeRunReport } from './test/fixture.js';

function recorder(name: string, calls: string[]): Reporter {
  return {
    name,
    onRunStart: () => {
      calls.push(`${name}:start`);
    },
    onScenarioStart: (s) => {
      calls.push(`${name}:scenario-start:${s.id}`);
    },
    onScenarioEnd: async (r) => {
      await new Promise((res) => setTimeout(res, 1));
      calls.push(`${name}:scenario-end:${r.id}`);
    },
    onRunEnd: () => {
      calls.push(`${name}:end`);
    },
  };
}

const info = {
  total: 1,
  target: { url: 'http://127.0.0.1:1', description: 'x' },
  driver: 'http' as const,
  reportDir: '/tmp/none',
  workers: 1,
};

describe('createMultiplexer', () => {
  it('fans every hook out to every reporter, in order', async () => {
    const calls: string[] = [];
    const report = makeRunReport();
    const scenario = report.scenarios[0]!;
    const mux = createMultiplexer([recorder('a', calls), { name: 'empty' }, recorder('b', calls)]);
    await mux.onRunStart(info);
    await mux.onScenarioStart({ id: scenario.id, title: scenario.title });
    await mux.onScenarioEnd(scenario);
    await mux.onRunEnd(report);
    expect(calls).toEqual([
      'a:start',
      'b:start',
      'a:scenario-start:faq1-success',
      'b:scenario-start:faq1-success',
      'a:scenario-end:faq1-success',
      'b:scenario-end:faq1-success',
      'a:end',
      'b:end',
    ]);
    expect(mux.errors).toEqual([]);
  });

  it('contains a reporter that throws (sync) or rejects (async): the others still run, errors are collected', async () => {
    const calls: string[] = [];
    const seen: Array<[string, string, string]> = [];
    const boomSync: Reporter = {
      name: 'boom-sync',
      onRunStart() {
        throw new Error('sync boom');
      },
      onRunEnd() {
        throw new Error('sync end boom');
      },
    };
    const boomAsync: Reporter = {
      name: 'boom-async',
      async onScenarioEnd() {
        await Promise.resolve();
        throw new Error('async boom');
      },
    };
    const mux = createMultiplexer([boomSync, recorder('ok', calls), boomAsync], (name, hook, err) => {
      seen.push([name, hook, (err as Error).message]);
    });
    const report = makeRunReport();
    await expect(mux.onRunStart(info)).resolves.toBeUndefined();
    await expect(mux.onScenarioEnd(report.scenarios[0]!)).resolves.toBeUndefined();
    await expect(mux.onRunEnd(report)).resolves.toBeUndefined();
    expect(calls).toEqual(['ok:start', 'ok:scenario-end:faq1-success', 'ok:end']);
    expect(seen).toEqual([
      ['boom-sync', 'onRunStart', 'sync boom'],
      ['boom-async', 'onScenarioEnd', 'async boom'],
      ['boom-sync', 'onRunEnd', 'sync end boom'],
    ]);
    expect(mux.errors.map((e) => `${e.reporter}/${e.hook}`)).toEqual([
      'boom-sync/onRunStart',
      'boom-async/onScenarioEnd',
      'boom-sync/onRunEnd',
    ]);
  });

  it('survives an error callback that throws itself', async () => {
    const calls: string[] = [];
    const mux = createMultiplexer(
      [
        {
          name: 'bad',
          onRunStart() {
            throw new Error('x');
          },
        },
        recorder('ok', calls),
      ],
      () => {
        throw new Error('callback broke');
      },
    );
    await mux.onRunStart(info);
    expect(calls).toEqual(['ok:start']);
    expect(mux.errors).toHaveLength(1);
  });
});
