/**
 * A value now, or a promise of it. The request path of a virtual BMC is synchronous for nearly
 * every command; passing plain values through it (and a promise only when a handler really
 * waits) saves a promise and a microtask hop per layer on every packet.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `f(v)` now when `v` is a value, after it settles when it is a promise. */
export function andThen<T, U>(v: MaybePromise<T>, f: (t: T) => MaybePromise<U>): MaybePromise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}
