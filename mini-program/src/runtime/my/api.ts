/**
 * Alipay's API calling convention: `success`/`fail`/`complete` callbacks and a returned Promise (resolves the result,
 * rejects the fail object). Each call is a `jsapi` event, settled with its result or error.
 */
import { log, settle } from '../event-log.js';
import { guarded } from '../page-errors.js';

export type Outcome = { ok: true; result: unknown } | { ok: false; error: Record<string, unknown> };
export type Impl = (options: Record<string, unknown>) => Outcome | Promise<Outcome>;

export const SYSTEM_ERROR = { error: 3, errorMessage: '系统异常' } as const;

type Callback = (value: unknown) => void;

/**
 * `quiet`: a rejection nobody handles is never reported (as with callbacks) — for the APIs alimock does not model.
 */
export function api(name: string, impl: Impl, { quiet = false } = {}): (options?: unknown) => Promise<unknown> {
  return (options?: unknown) => {
    const opts = (options && typeof options === 'object' ? options : {}) as Record<string, unknown>;
    const entry = log('jsapi', name, opts);
    const call = (key: string, value: unknown) => {
      const fn = opts[key];
      if (typeof fn === 'function') guarded(() => (fn as Callback)(value));
    };
    const promise = Promise.resolve()
      .then(() => impl(opts))
      .catch(
        (err: unknown): Outcome => ({
          ok: false,
          error: { ...SYSTEM_ERROR, detail: String((err as Error)?.message ?? err) },
        }),
      )
      .then((outcome) => {
        if (outcome.ok) {
          settle(entry, { result: outcome.result });
          call('success', outcome.result);
          call('complete', outcome.result);
          return outcome.result;
        }
        settle(entry, { error: outcome.error });
        call('fail', outcome.error);
        call('complete', outcome.error);
        throw outcome.error;
      });
    // with callbacks (Alipay's usual style) a failure is the page's business: the promise is not reported
    if (quiet || ['success', 'fail', 'complete'].some((k) => typeof opts[k] === 'function')) promise.catch(() => {});
    return promise;
  };
}

/** A synchronous API (`…Sync`): logged with its result at once. */
export function syncApi<A extends unknown[], R>(name: string, impl: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const entry = log('jsapi', name, args.length === 1 ? args[0] : args);
    try {
      const result = impl(...args);
      settle(entry, { result });
      return result;
    } catch (err) {
      settle(entry, { error: { ...SYSTEM_ERROR, detail: String((err as Error)?.message ?? err) } });
      throw err;
    }
  };
}

/**
 * One of Alipay's APIs alimock does not model: it answers 该接口暂不支持 through the callbacks and the promise, but a
 * page that fires it and forgets (no callbacks, no catch) does not fail a run for it — on a client it would work.
 */
export const notSupported = (name: string) =>
  api(name, () => ({ ok: false, error: { error: 1, errorMessage: '该接口暂不支持' } }), { quiet: true });
