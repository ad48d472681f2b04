import {
  ALL_COMPLETED,
  type DoneAndNotDone,
  GroupWait,
  getClock,
  type TimerId,
  toReturnWhen,
  toTimeoutMs,
  type WaitOptions,
} from '@futures/core'
import type { Future } from './future.js'
import { concurrentWaitProtocol, toFutureSet } from './future-set.js'

/** Options for {@link wait} (shared with the other Future kind's `wait`). */
export type { WaitOptions }

/**
 * What {@link wait} resolves with: the very futures passed in, in two sets.
 *
 * CPython: `concurrent.futures._base.DoneAndNotDoneFutures`.
 * @example
 * const { done, notDone }: WaitResult<Future<number>> = await wait(futures)
 */
export type WaitResult<F> = DoneAndNotDone<F>

/**
 * Waits until the futures finish, one fails, or the timeout passes (CPython's
 * `concurrent.futures.wait`).
 *
 * A future counts as done once it is FINISHED or CANCELLED_AND_NOTIFIED. A future that was
 * only `cancel()`led, and that no executor has acknowledged with `setRunningOrNotifyCancel()`,
 * is not done for `wait` and does not wake it (CPython's rule; our executors always
 * acknowledge what they cancel). A cancelled future counts as done, not as an exception, for
 * `FIRST_EXCEPTION`. Futures that complete in the same synchronous run as the one that ends
 * the wait are all in `done`.
 *
 * @returns `done` and `notDone`; duplicates in `fs` count once.
 * @throws TypeError if `fs` is not an iterable of concurrent Futures (for an aio Future, see
 *   `toConcurrentFuture` in `@futures/bridge`); RangeError for an invalid `returnWhen`
 *   (`Invalid return condition: 'BOGUS'`), checked at every call; TypeError/RangeError for a
 *   timeout that is not a number / is NaN.
 * @example
 * const { done, notDone } = await wait(fs, { timeout: 1_000, returnWhen: FIRST_COMPLETED })
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.wait | concurrent.futures.wait}
 */
export function wait<F extends Future<unknown>>(
  fs: Iterable<F>,
  options: WaitOptions = {},
): Promise<WaitResult<F>> {
  // Only an absent value means the default: CPython rejects return_when=None too.
  const returnWhen = toReturnWhen(
    options.returnWhen === undefined ? ALL_COMPLETED : options.returnWhen,
  )
  const timeoutMs = toTimeoutMs(options.timeout)
  const futures = toFutureSet(fs, 'wait')
  const group = new GroupWait(concurrentWaitProtocol as never, futures, returnWhen) as GroupWait<F>
  if (group.satisfied || timeoutMs === 0) return Promise.resolve(group.finish())
  return new Promise((resolve) => {
    const clock = getClock()
    let timer: TimerId
    group.start(() => {
      // Settle after the current synchronous run, so that futures completed together with
      // the one that met the condition are in `done` as well (conformance CW-04).
      queueMicrotask(() => {
        if (timer !== undefined) clock.clearTimeout(timer)
        resolve(group.finish())
      })
    })
    if (timeoutMs !== undefined) timer = clock.setTimeout(() => resolve(group.finish()), timeoutMs)
  })
}
