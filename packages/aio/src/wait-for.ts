import { CancelledError, TimeoutError, toTimeoutMs } from '@futures/core'
import type { AioAwaitable, AwaitedOf } from './awaitable.js'
import { ensureFuture, isFuture } from './ensure-future.js'
import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import type { Future } from './future.js'
import { at, whenDone } from './schedule.js'
import { type GeneratorCoroutine, isCoroutineLike, type Task } from './task.js'

/** `future.cancel()`, then wait until it is done (CPython's `_cancel_and_wait`). */
function* cancelAndWait(loop: EventLoop, future: Future<unknown>): GeneratorCoroutine<void> {
  const waiter = loop.createFuture<void>()
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined)
  }
  whenDone(future, release)
  try {
    future.cancel()
    yield* waiter
  } finally {
    future.removeDoneCallback(release)
  }
}

/** The result of the cancelled `future`; its CancelledError becomes a TimeoutError. */
function resultOrTimeout<T>(future: Future<T>): T {
  try {
    return future.result()
  } catch (error) {
    if (error instanceof CancelledError) throw new TimeoutError('', { cause: error })
    throw error
  }
}

/** CPython 3.11's `wait_for`, as a generator coroutine. */
function* waitForCoroutine<T>(
  loop: EventLoop,
  aw: AioAwaitable<T>,
  timeoutMs: number | undefined,
): GeneratorCoroutine<T> {
  if (timeoutMs === undefined) return yield* ensureFuture(aw, { loop })
  const future = ensureFuture(aw, { loop })
  if (timeoutMs <= 0) {
    if (future.done()) return future.result()
    // A coroutine wrapped just now is cancelled before its first step: it never starts.
    yield* cancelAndWait(loop, future)
    return resultOrTimeout(future)
  }
  const waiter = loop.createFuture<void>()
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined)
  }
  const timer = at(loop, loop.time() + timeoutMs, release)
  whenDone(future, release)
  try {
    try {
      yield* waiter
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error
      // The caller was cancelled: cancel the inner too, wait for it, re-raise (AG-29).
      if (future.done()) return future.result()
      future.removeDoneCallback(release)
      yield* cancelAndWait(loop, future)
      throw error
    }
    if (future.done()) return future.result()
    future.removeDoneCallback(release)
    yield* cancelAndWait(loop, future)
    return resultOrTimeout(future)
  } finally {
    timer.cancel()
  }
}

/**
 * Waits for `aw` with a timeout in milliseconds (CPython's `asyncio.wait_for`). On timeout it
 * cancels the inner awaitable, **waits until it has finished cancelling** (its cleanup runs
 * first), then throws `TimeoutError` whose `cause` is the `CancelledError`.
 *
 * - `timeout` `undefined`: a plain await. `0` or less: a done future gives its result, anything
 *   else is cancelled at once (a coroutine never starts) and `TimeoutError` is thrown.
 * - If the inner catches the cancel and returns a value, that value is returned; if it throws
 *   something else while cancelling, that error propagates.
 * - Cancelling the task that awaits `waitFor` cancels the inner, waits for it, then rethrows
 *   the `CancelledError`.
 *
 * Follows CPython 3.11: a coroutine runs in a task of its own.
 *
 * @returns a Task of the inner result.
 * @throws TypeError (at the call) for a value that is not an aio future, a coroutine or a
 *   thenable (a concurrent Future: wrap it with `wrapFuture`); TypeError/RangeError for a
 *   timeout that is not a number / is NaN; Error without a running loop.
 * @example
 * try {
 *   const page = await waitFor(async () => fetchPage(url), 5_000)
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log('too slow')
 * }
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.wait_for | asyncio.wait_for}
 */
export function waitFor<A extends AioAwaitable>(
  aw: A,
  timeout: number | undefined,
): Task<AwaitedOf<A>> {
  const loop = getRunningLoop()
  if (!isFuture(aw) && !isCoroutineLike(aw)) ensureFuture(aw as never) // throws its TypeError
  const timeoutMs = toTimeoutMs(timeout)
  return loop.createTask(
    waitForCoroutine(loop, aw as AioAwaitable<AwaitedOf<A>>, timeoutMs),
  ) as Task<AwaitedOf<A>>
}
