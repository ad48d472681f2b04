import type { EventLoop } from './event-loop.js'
import { sharedState } from './state.js'

const STATE = sharedState()

/**
 * The loop that is running (inside its callbacks and tasks, and while its `runForever()` is
 * in progress).
 *
 * CPython: `asyncio.get_running_loop`.
 *
 * @throws Error('no running event loop') when none is.
 * @example
 * loop.callLater(10, () => getRunningLoop().stop())
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop | asyncio.get_running_loop}
 */
export function getRunningLoop(): EventLoop {
  const loop = STATE.runningLoop as EventLoop | undefined
  if (loop === undefined) throw new Error('no running event loop')
  return loop
}

/** @internal The running loop, or `undefined`. */
export function runningLoopOrUndefined(): EventLoop | undefined {
  return STATE.runningLoop as EventLoop | undefined
}

/**
 * The running loop, else the one set with {@link setEventLoop}. Never creates one (Python
 * 3.14's rule).
 *
 * CPython: `asyncio.get_event_loop` (3.14 behaviour).
 *
 * @throws Error when there is neither.
 * @example
 * setEventLoop(newEventLoop())
 * const future = getEventLoop().createFuture()
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop | asyncio.get_event_loop}
 */
export function getEventLoop(): EventLoop {
  const loop = (STATE.runningLoop ?? STATE.currentLoop) as EventLoop | undefined
  if (loop === undefined) {
    throw new Error(
      'There is no current event loop: use newEventLoop() and setEventLoop(), or run()',
    )
  }
  return loop
}

/**
 * Sets the current loop (what {@link getEventLoop} returns outside a running loop); `null` or
 * `undefined` clears it.
 *
 * CPython: `asyncio.set_event_loop`.
 *
 * @example
 * const loop = newEventLoop()
 * setEventLoop(loop)
 * try {
 *   // … code that calls getEventLoop()
 * } finally {
 *   setEventLoop(null)
 *   loop.close()
 * }
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.set_event_loop | asyncio.set_event_loop}
 */
export function setEventLoop(loop: EventLoop | null | undefined): void {
  if (
    loop !== null &&
    loop !== undefined &&
    typeof (loop as { callSoon?: unknown }).callSoon !== 'function'
  ) {
    throw new TypeError(`setEventLoop expects an EventLoop or null, got ${String(loop)}`)
  }
  STATE.currentLoop = loop ?? undefined
}
