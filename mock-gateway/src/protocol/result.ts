/** Results as discriminated unions: `throw` is kept for programmer errors. */
export type Ok<T> = { ok: true; value: T };
export type Err<R = string> = { ok: false; reason: R };
export type Result<T, R = string> = Ok<T> | Err<R>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <R = string>(reason: R): Err<R> => ({ ok: false, reason });
