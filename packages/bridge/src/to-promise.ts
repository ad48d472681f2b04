import type { Future as AioFuture } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, describeValue, hasBrand } from '@futures/core'

/**
 * A native Promise settled like the future `f`, of either kind: it fulfils with the result,
 * rejects with the exception (the very value), or with `CancelledError` (carrying the cancel
 * message) if `f` was cancelled. For an aio future the promise settles in a loop iteration
 * after `f` is done (its done callbacks go through `callSoon`), so the loop must be running;
 * a future already done settles it at once. Awaiting the promise is only a wait: it never
 * makes a task's cancellation reach `f`.
 *
 * CPython: none (JavaScript's Promise has no Python counterpart; the closest is
 * `concurrent.futures.Future.result()` / `await asyncio_future`).
 *
 * @throws TypeError for anything that is not a Future of either kind.
 * @example
 * const value = await toPromise(pool.submit((n: number) => n + 1, 1)) // 2
 * const all = await Promise.all([toPromise(cf), toPromise(aioFuture)])
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.result | concurrent.futures.Future.result}
 */
export function toPromise<T>(f: AioFuture<T> | ConcurrentFuture<T>): Promise<T> {
  if (hasBrand(f, CONCURRENT_FUTURE_BRAND)) return (f as ConcurrentFuture<T>).result()
  if (!hasBrand(f, AIO_FUTURE_BRAND)) {
    throw new TypeError(
      `toPromise() expects an aio or a concurrent Future, got ${describeValue(f)}`,
    )
  }
  const future = f as AioFuture<T>
  if (future.done()) return settled(future)
  return new Promise<T>((resolve, reject) => {
    future.addDoneCallback((g) => {
      try {
        resolve(g.result())
      } catch (error) {
        reject(error)
      }
    })
  })
}

function settled<T>(future: AioFuture<T>): Promise<T> {
  try {
    return Promise.resolve(future.result())
  } catch (error) {
    return Promise.reject(error)
  }
}
