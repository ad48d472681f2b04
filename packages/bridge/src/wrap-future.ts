import { Future as AioFuture, type EventLoop, getEventLoop } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, describeValue, hasBrand } from '@futures/core'
import { chainFuture } from './chain-future.js'
import { copyToAio } from './copy-state.js'

/**
 * Options for {@link wrapFuture}.
 *
 * CPython: the `loop` parameter of `asyncio.wrap_future`.
 * @example
 * const aioFuture = wrapFuture(pool.submit((n: number) => n * 2, 21), { loop })
 */
export interface WrapFutureOptions {
  /** The loop the new aio future belongs to. @defaultValue the running loop, else the current one */
  readonly loop?: EventLoop | undefined
}

/**
 * An aio Future that mirrors the concurrent Future `future`, to `await` it on an event loop;
 * an aio Future (or Task) is returned as it is.
 *
 * The outcome crosses over in a later loop iteration (through `callSoonThreadsafe`), even when
 * `future` is already done. Cancelling the wrapper cancels `future` if it is still PENDING
 * (a RUNNING one keeps running, and its outcome is dropped); cancelling `future` cancels the
 * wrapper. A `future` that *fails with* a `CancelledError` gives a wrapper that fails with it,
 * not a cancelled one. If the loop is closed before `future` completes, the wrapper stays
 * pending.
 *
 * CPython: `asyncio.wrap_future`.
 *
 * @throws TypeError for anything that is not a Future (an object that only looks like one
 *   included: the check is by brand); Error if no loop is given and none is running or set.
 * @example
 * const pool = new ThreadPoolExecutor()
 * const value = await wrapFuture(pool.submit((n: number) => n * 2, 21)) // 42, inside a task
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future | asyncio.wrap_future}
 */
export function wrapFuture<T>(
  future: ConcurrentFuture<T> | AioFuture<T>,
  options?: WrapFutureOptions,
): AioFuture<T>
export function wrapFuture<T>(
  future: ConcurrentFuture<T> | AioFuture<T>,
  options: WrapFutureOptions = {},
): AioFuture<T> {
  if (hasBrand(future, AIO_FUTURE_BRAND)) return future as AioFuture<T>
  if (!hasBrand(future, CONCURRENT_FUTURE_BRAND)) {
    throw new TypeError(
      `wrapFuture() expects a concurrent Future (or an aio Future), got ${describeValue(future)}`,
    )
  }
  const loop = options.loop ?? getEventLoop()
  const wrapper = new AioFuture<T>({ loop })
  const source = future as ConcurrentFuture<T>
  if (source.done()) {
    // Fast path, same outcome as the chain: the copy still waits for a later iteration, and
    // cancelling the wrapper could not change a done concurrent future anyway.
    if (!loop.isClosed()) loop.callSoonThreadsafe(copyToAio, source, wrapper)
    return wrapper
  }
  chainFuture(source, wrapper)
  return wrapper
}
