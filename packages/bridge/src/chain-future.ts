import type { Future as AioFuture } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, hasBrand } from '@futures/core'
import { copyToAio, copyToConcurrent } from './copy-state.js'
import type { AnyFuture } from './guards.js'

function setState(dest: AnyFuture<unknown>, source: AnyFuture<unknown>): void {
  if (hasBrand(dest, AIO_FUTURE_BRAND)) copyToAio(source, dest as AioFuture<unknown>)
  else copyToConcurrent(source, dest as ConcurrentFuture<unknown>)
}

function cancelSource(source: AnyFuture<unknown>): void {
  source.cancel()
}

/**
 * Chains `source` to `destination`: when `source` completes, its value, exception or
 * cancellation is copied to `destination`; when `destination` is cancelled, `source` is
 * cancelled too. Works for every combination of the two kinds:
 *
 * - into an aio future of another loop (or from a concurrent source), the copy is made in a
 *   later iteration of the destination's loop, through `callSoonThreadsafe`; a loop closed by
 *   then drops it silently;
 * - into a concurrent future, `setRunningOrNotifyCancel()` runs first, so a cancelled source
 *   leaves it CANCELLED_AND_NOTIFIED, and a destination cancelled meanwhile gets nothing;
 * - cancelling a concurrent destination cancels an aio source in a later iteration of the
 *   source's loop.
 *
 * A concurrent Future that already finished is not cancelled by the chain (CPython's rule:
 * only PENDING work can be cancelled).
 *
 * CPython: `asyncio.futures._chain_future` (private there, public here).
 *
 * @throws TypeError('A future is required for source argument') (or `destination`) for
 *   anything that is not a branded Future of either kind.
 * @example
 * const dst = new ConcurrentFuture<number>()
 * chainFuture(loop.createTask(async () => 42), dst)
 * await dst.result() // 42
 * @see {@link https://github.com/python/cpython/blob/3.11/Lib/asyncio/futures.py | asyncio.futures._chain_future}
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future | asyncio.wrap_future}, built on it
 */
export function chainFuture<T>(source: AnyFuture<T>, destination: AnyFuture<T>): void {
  const sourceIsAio = hasBrand(source, AIO_FUTURE_BRAND)
  if (!sourceIsAio && !hasBrand(source, CONCURRENT_FUTURE_BRAND)) {
    throw new TypeError('A future is required for source argument')
  }
  const destIsAio = hasBrand(destination, AIO_FUTURE_BRAND)
  if (!destIsAio && !hasBrand(destination, CONCURRENT_FUTURE_BRAND)) {
    throw new TypeError('A future is required for destination argument')
  }
  const sourceLoop = sourceIsAio ? (source as AioFuture<T>).getLoop() : undefined
  const destLoop = destIsAio ? (destination as AioFuture<T>).getLoop() : undefined
  const src = source as AnyFuture<unknown>
  const dst = destination as AnyFuture<unknown>

  const checkCancel = (): void => {
    if (!dst.cancelled()) return
    if (sourceLoop === undefined || sourceLoop === destLoop) src.cancel()
    else if (!sourceLoop.isClosed()) sourceLoop.callSoonThreadsafe(cancelSource, src)
  }
  const onSourceDone = (): void => {
    if (destLoop === undefined || destLoop === sourceLoop) {
      // CPython: a cancelled destination of a closed loop is left alone.
      if (destLoop !== undefined && dst.cancelled() && destLoop.isClosed()) return
      setState(dst, src)
    } else if (!destLoop.isClosed()) {
      destLoop.callSoonThreadsafe(setState, dst, src)
    }
  }
  addDoneCallback(dst, checkCancel)
  addDoneCallback(src, onSourceDone)
}

function addDoneCallback(future: AnyFuture<unknown>, fn: () => void): void {
  // Both kinds take `fn(future)`; neither callback here reads its argument.
  ;(future as { addDoneCallback(fn: () => void): void }).addDoneCallback(fn)
}
