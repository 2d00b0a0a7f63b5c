import { describe, expect, it } from 'vitest';
import { keptTickObjects } from './keep-tick-shape.js';

describe('keep-tick-shape (V8 workaround, see the module)', () => {
  it('holds exactly one of Node’s tick objects: the callback, its args slot and the two async-id symbols', async () => {
    await new Promise((resolve) => process.nextTick(resolve)); // later ticks are not captured
    expect(keptTickObjects).toHaveLength(1);
    const tick = keptTickObjects[0] as Record<string | symbol, unknown>;
    expect(typeof tick.callback).toBe('function');
    expect('args' in tick).toBe(true);
    expect(Object.getOwnPropertySymbols(tick).map((s) => s.description)).toEqual([
      'async_id_symbol',
      'trigger_async_id_symbol',
    ]);
  });
});
