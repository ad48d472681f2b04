import { describeValue } from '@futures/core'
import { getRunningLoop } from './events.js'
import type { Future } from './future.js'
import { kSetResultInline } from './internal.js'
import { at, soon, whenDone } from './schedule.js'

function setResultInline<T>(future: Future<T>, value: T): void {
  future[kSetResultInline](value)
}

function setResultUnlessCancelled<T>(future: Future<T>, value: T): void {
  if (!future.done()) future.setResult(value)
}

/**
 * A future that gets `value` after `delayMs` milliseconds (`0` or less: the next iteration),
 * on the running loop. Cancelling it drops the timer.
 *
 * CPython: `asyncio.sleep`.
 *
 * @throws TypeError for a delay that is not a number or NaN; Error without a running loop.
 * @example
 * await sleep(100)                  // in an async-function task
 * const v = yield* sleep(100, 'v')  // in a generator coroutine
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.sleep | asyncio.sleep}
 */
export function sleep<T = undefined>(delayMs = 0, value?: T): Future<T> {
  if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
    throw new TypeError(`delay must be a number of milliseconds, got ${describeValue(delayMs)}`)
  }
  const loop = getRunningLoop()
  const future = loop.createFuture<T>()
  if (delayMs <= 0) {
    // One iteration, as CPython's bare `yield`: the awaiting task resumes in the very callback.
    soon(loop, setResultInline, [future, value])
  } else {
    const timer = at(loop, loop.time() + delayMs, setResultUnlessCancelled, [future, value])
    whenDone(future, (f) => {
      if (f.cancelled()) timer.cancel()
    })
  }
  return future
}
