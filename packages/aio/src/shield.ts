import type { AioAwaitable, AwaitedOf } from './awaitable.js'
import { ensureFuture } from './ensure-future.js'
import type { Future } from './future.js'
import { whenDone } from './schedule.js'

/**
 * Protects an awaitable from cancellation (CPython's `asyncio.shield`): returns a new outer
 * future that follows the inner one. Cancelling the outer future, or the task awaiting it,
 * raises `CancelledError` for the caller while the inner keeps running to its own end.
 *
 * If the inner finishes first, the outer gets its result or exception; if the inner is
 * cancelled, so is the outer. A done future is returned as is; a coroutine or thenable is
 * wrapped in a task first. If the outer was cancelled and the inner later fails, the inner's
 * exception is marked retrieved (not reported as lost).
 *
 * @throws TypeError for a value that is not an aio future, a coroutine or a thenable (the
 *   message names `wrapFuture` for a concurrent Future).
 * @example
 * const result = await shield(saveToDisk()) // a cancel of this task does not stop the save
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.shield | asyncio.shield}
 */
export function shield<A extends AioAwaitable>(aw: A): Future<AwaitedOf<A>> {
  const inner = ensureFuture(aw as AioAwaitable) as Future<AwaitedOf<A>>
  if (inner.done()) return inner
  const outer = inner.getLoop().createFuture<AwaitedOf<A>>()
  whenDone(inner, () => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception() // mark it retrieved (AG-33)
      return
    }
    if (inner.cancelled()) {
      outer.cancel()
      return
    }
    let value: AwaitedOf<A>
    try {
      value = inner.result()
    } catch (error) {
      outer.setException(error)
      return
    }
    outer.setResult(value)
  })
  return outer
}
