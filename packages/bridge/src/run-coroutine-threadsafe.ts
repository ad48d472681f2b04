import type { CoroutineLike, EventLoop, GeneratorCoroutine } from '@futures/aio'
import { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, describeValue, hasBrand } from '@futures/core'
import { chainFuture } from './chain-future.js'

const AsyncGeneratorFunction = async function* () {}.constructor

/** A generator object: what a generator function returns. */
function isGeneratorObject(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Generator).next === 'function' &&
    typeof (x as Generator).throw === 'function' &&
    typeof (x as Generator)[Symbol.iterator] === 'function'
  )
}

function isLoop(x: unknown): x is EventLoop {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as EventLoop).callSoonThreadsafe === 'function' &&
    typeof (x as EventLoop).createTask === 'function'
  )
}

/**
 * Schedules the coroutine `coro` on `loop` from outside it (a worker message, a foreign
 * callback, another loop) and returns a concurrent Future of its result at once. `coro` is
 * what `createTask` runs: an async function, a generator function, or a generator object.
 *
 * The task is created in a later iteration of `loop` (through `callSoonThreadsafe`). The
 * returned future stays PENDING (never RUNNING) until the task ends, so `result(timeout)` can
 * time out and `cancel()` afterwards returns `true` and cancels the task. A cancel that comes
 * before the loop created the task still lets the task's first step run. If the loop cannot
 * create the task, the future fails with that error, which also goes to the loop's exception
 * handler.
 *
 * CPython: `asyncio.run_coroutine_threadsafe`.
 *
 * @throws TypeError('A coroutine object is required') for anything else (an aio future, a
 *   promise included); TypeError for a `loop` that is not an EventLoop; Error if the loop is
 *   closed.
 * @example
 * // from a callback that does not run on the loop:
 * const future = runCoroutineThreadsafe(async () => {
 *   await sleep(10)
 *   return 42
 * }, loop)
 * console.log(await future.result(1_000)) // 42
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.run_coroutine_threadsafe | asyncio.run_coroutine_threadsafe}
 */
export function runCoroutineThreadsafe<T>(
  coro: (() => GeneratorCoroutine<T>) | GeneratorCoroutine<T> | (() => PromiseLike<T> | T),
  loop: EventLoop,
): ConcurrentFuture<Awaited<T>>
export function runCoroutineThreadsafe<T>(
  coro: CoroutineLike<T>,
  loop: EventLoop,
): ConcurrentFuture<unknown> {
  if (
    hasBrand(coro, AIO_FUTURE_BRAND) ||
    (typeof coro === 'function'
      ? coro.constructor === AsyncGeneratorFunction
      : !isGeneratorObject(coro))
  ) {
    throw new TypeError('A coroutine object is required')
  }
  if (!isLoop(loop)) {
    throw new TypeError(
      `runCoroutineThreadsafe() needs an aio EventLoop as its loop, got ${describeValue(loop)}`,
    )
  }
  const future = new ConcurrentFuture<unknown>()
  loop.callSoonThreadsafe(() => {
    try {
      chainFuture(loop.createTask(coro), future)
    } catch (error) {
      if (future.setRunningOrNotifyCancel()) future.setException(error)
      // CPython re-raises: the loop's exception handler gets it too.
      throw error
    }
  })
  return future
}
