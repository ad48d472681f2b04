/**
 * The states a Future moves through. The strings are CPython's own state names
 * (`concurrent.futures._base.PENDING` and friends), so they read the same in logs and tests.
 *
 * A concurrent Future uses all five; an aio Future uses `PENDING`, `CANCELLED` and `FINISHED`.
 * @module
 */

/** Not started, not cancelled, no outcome yet. @see {@link https://docs.python.org/3/library/concurrent.futures.html#future-objects | concurrent.futures.Future} */
export const PENDING = 'PENDING'
/** Claimed by an executor (`setRunningOrNotifyCancel()` returned `true`); can no longer be cancelled. */
export const RUNNING = 'RUNNING'
/** Cancelled; for a concurrent Future, no executor has acknowledged it yet. */
export const CANCELLED = 'CANCELLED'
/** Cancelled, and an executor acknowledged it with `setRunningOrNotifyCancel()`; `wait` counts it as done. */
export const CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
/** Holds a result or an exception. */
export const FINISHED = 'FINISHED'

/** Every state of a concurrent Future (CPython's `_FUTURE_STATES`). */
export type FutureState =
  | typeof PENDING
  | typeof RUNNING
  | typeof CANCELLED
  | typeof CANCELLED_AND_NOTIFIED
  | typeof FINISHED

/** The states an aio Future can be in (asyncio's `_PENDING`, `_CANCELLED`, `_FINISHED`). */
export type AioFutureState = typeof PENDING | typeof CANCELLED | typeof FINISHED
