import { createHook } from 'node:async_hooks';

/**
 * A V8 workaround, imported first by the bin (before the modules whose loading sets off a full GC).
 *
 * `process.nextTick` builds every tick object with one literal (`{ [async_id_symbol]: …, [trigger_async_id_symbol]:
 * …, callback, args }`). Its inline caches hold the literal's maps weakly. In `alimock serve` the start-up loads
 * enough code for a mark-compact GC to run while no tick object is alive; the maps die, the next tick object gets
 * fresh ones, the caches go megamorphic, and from then on every `nextTick` (several per HTTP request inside Node's
 * streams) defines those properties in the runtime. Measured with `perf` under load: about 5 % of the server's CPU,
 * ≈ 6 µs of 36 µs per cached getPhoneNumber (bench `repeated-envelopes`); a bare Fastify script never hits it.
 *
 * Keeping one tick object alive keeps its maps (and their ancestors) alive, so the caches stay monomorphic. The hook
 * that hands it to us is enabled for a single `nextTick` and disabled again: nothing else is observed or slowed.
 */
export const keptTickObjects: object[] = [];

const hook = createHook({
  init(_asyncId, type, _triggerAsyncId, resource) {
    if (type === 'TickObject' && keptTickObjects.length === 0) keptTickObjects.push(resource);
  },
});
hook.enable();
process.nextTick(() => undefined);
hook.disable();
