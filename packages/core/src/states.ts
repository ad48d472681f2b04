/**
 * The states a Future moves through. The strings are CPython's own state names
 * (`concurrent.futures._base.PENDING` and friends), so they read the same in logs and tests.
 *
 * A concurrent Future uses all five; an aio Future uses `PENDING`, `CANCELLED` and `FINISHED`.
 * @module
 */

/**
 * Not started, not cancelled, no outcome yet.
 *
 * CPython: `concurrent.futures._base.PENDING` (asyncio's `futures._PENDING`).
 * @example
 * String(new Future()) // '<Future state=pending>': a new concurrent Future is PENDING
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#future-objects | concurrent.futures.Future}
 */
export const PENDING = 'PENDING'
/**
 * Claimed by an executor (`setRunningOrNotifyCancel()` returned `true`); can no longer be cancelled.
 *
 * CPython: `concurrent.futures._base.RUNNING`.
 * @example
 * future.setRunningOrNotifyCancel() // true: the future is RUNNING, future.running() is true
 */
export const RUNNING = 'RUNNING'
/**
 * Cancelled; for a concurrent Future, no executor has acknowledged it yet.
 *
 * CPython: `concurrent.futures._base.CANCELLED` (asyncio's `futures._CANCELLED`).
 * @example
 * future.cancel() // true: a pending future is now CANCELLED
 */
export const CANCELLED = 'CANCELLED'
/**
 * Cancelled, and an executor acknowledged it with `setRunningOrNotifyCancel()`; `wait` counts it as done.
 *
 * CPython: `concurrent.futures._base.CANCELLED_AND_NOTIFIED`.
 * @example
 * future.cancel()
 * future.setRunningOrNotifyCancel() // false: the future is now CANCELLED_AND_NOTIFIED
 */
export const CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
/**
 * Holds a result or an exception.
 *
 * CPython: `concurrent.futures._base.FINISHED` (asyncio's `futures._FINISHED`).
 * @example
 * future.setResult(1) // the future is now FINISHED
 */
export const FINISHED = 'FINISHED'

/**
 * Every state of a concurrent Future. CPython: `concurrent.futures._base._FUTURE_STATES`.
 * @example
 * const terminal: FutureState[] = [CANCELLED_AND_NOTIFIED, FINISHED]
 */
export type FutureState =
  | typeof PENDING
  | typeof RUNNING
  | typeof CANCELLED
  | typeof CANCELLED_AND_NOTIFIED
  | typeof FINISHED

/** The states an aio Future can be in. CPython: asyncio's `_PENDING`, `_CANCELLED`, `_FINISHED`. */
export type AioFutureState = typeof PENDING | typeof CANCELLED | typeof FINISHED
