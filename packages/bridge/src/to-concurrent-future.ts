import type { Future as AioFuture } from '@futures/aio'
import { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, describeValue, hasBrand } from '@futures/core'
import { chainFuture } from './chain-future.js'

/**
 * A concurrent Future for an aio Future, a Task or a promise (any thenable): for code on the
 * concurrent side (`concurrent.wait`, `asCompleted`, `await f.result(timeout)`). A concurrent
 * Future is returned as it is.
 *
 * - From an aio future or task (through {@link chainFuture}): the outcome is copied in the done
 *   callback, so in a later iteration of its loop; a cancelled source gives a
 *   CANCELLED_AND_NOTIFIED future; cancelling the returned future cancels the source in a
 *   later iteration of its loop.
 * - From a promise: the outcome is copied when it settles; a promise cannot be cancelled, so
 *   cancelling the returned future (it stays PENDING until then) only drops the outcome; it is
 *   notified at once, so `wait` counts it as done.
 *
 * CPython: none public; the conversion `asyncio.run_coroutine_threadsafe` makes internally
 * (`futures._chain_future` into a new `concurrent.futures.Future`).
 *
 * @throws TypeError for anything else (a coroutine: use `runCoroutineThreadsafe`).
 * @example
 * const cf = toConcurrentFuture(loop.createTask(fetchAll))
 * const { done } = await wait([cf, pool.submit(crunch, data)])
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#future-objects | concurrent.futures.Future}
 */
export function toConcurrentFuture<T>(
  aw: AioFuture<T> | ConcurrentFuture<T> | PromiseLike<T>,
): ConcurrentFuture<Awaited<T>>
export function toConcurrentFuture<T>(
  aw: AioFuture<T> | ConcurrentFuture<T> | PromiseLike<T>,
): ConcurrentFuture<T> {
  if (hasBrand(aw, CONCURRENT_FUTURE_BRAND)) return aw as ConcurrentFuture<T>
  const future = new ConcurrentFuture<T>()
  if (hasBrand(aw, AIO_FUTURE_BRAND)) {
    chainFuture(aw as AioFuture<T>, future)
    return future
  }
  const then =
    (typeof aw === 'object' || typeof aw === 'function') && aw !== null
      ? (aw as { then?: unknown }).then
      : undefined
  if (typeof then !== 'function') {
    const hint =
      typeof aw === 'function' ? ' (for a coroutine, use runCoroutineThreadsafe(coro, loop))' : ''
    throw new TypeError(
      `toConcurrentFuture() expects an aio Future, a Task or a promise, got ${describeValue(aw)}${hint}`,
    )
  }
  future.addDoneCallback(notifyIfCancelled)
  // Promise.resolve adopts any thenable once, as `await` does.
  Promise.resolve(aw as PromiseLike<T>).then(
    (value) => {
      if (!future.done()) {
        future.setRunningOrNotifyCancel()
        future.setResult(value)
      }
    },
    (error: unknown) => {
      if (!future.done()) {
        future.setRunningOrNotifyCancel()
        future.setException(error)
      }
    },
  )
  return future
}

/** A promise cannot be cancelled: acknowledge the cancellation at once, so waiters wake. */
function notifyIfCancelled(future: ConcurrentFuture<unknown>): void {
  if (future.cancelled()) future.setRunningOrNotifyCancel()
}
