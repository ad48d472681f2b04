import {
  AIO_FUTURE_BRAND,
  CONCURRENT_FUTURE_BRAND,
  describeValue,
  type GroupWaitProtocol,
  hasBrand,
  isSettledForWait,
} from '@futures/core'
import type { Future } from './future.js'
import { kAddWaiter, kFailed, kRemoveWaiter, kState, type WaitableFuture } from './protocol.js'

/** How core's group-wait algorithm sees a concurrent Future. */
export const concurrentWaitProtocol: GroupWaitProtocol<Future<unknown>> = {
  isSettled: (f) => isSettledForWait(waitable(f)[kState]()),
  isFailed: (f) => waitable(f)[kFailed](),
  subscribe: (f, waiter) => waitable(f)[kAddWaiter](waiter),
  unsubscribe: (f, waiter) => waitable(f)[kRemoveWaiter](waiter),
}

function waitable(f: Future<unknown>): WaitableFuture {
  return f as unknown as WaitableFuture
}

/**
 * Reads the `fs` argument of `wait`/`asCompleted`: any iterable of concurrent Futures, each
 * kept once, in first-seen order.
 * @throws TypeError naming the function, for a non-iterable or an element that is not a
 *   concurrent Future (an aio Future's message points to the bridge).
 */
export function toFutureSet<F extends Future<unknown>>(fs: Iterable<F>, caller: string): Set<F> {
  if (
    fs === null ||
    typeof (fs as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function'
  ) {
    const what = hasBrand(fs, CONCURRENT_FUTURE_BRAND) ? 'a single Future' : describeValue(fs)
    throw new TypeError(`${caller}() expects an iterable of Futures, got ${what}`)
  }
  const set = new Set<F>()
  for (const f of fs) {
    if (!hasBrand(f, CONCURRENT_FUTURE_BRAND)) {
      if (hasBrand(f, AIO_FUTURE_BRAND)) {
        throw new TypeError(
          `${caller}() takes concurrent Futures, got an aio Future: convert it with toConcurrentFuture() from @futures/bridge, or use the aio ${caller}()`,
        )
      }
      throw new TypeError(`${caller}() takes concurrent Futures, got ${describeValue(f)}`)
    }
    set.add(f)
  }
  return set
}
