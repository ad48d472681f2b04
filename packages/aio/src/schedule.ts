/**
 * The package's own scheduling: the loop's and the future's internal entry points, which
 * capture no context (user callbacks go through the public `callSoon`/`callAt`/
 * `addDoneCallback`, which do). A loop or future made by an older copy of the package has no
 * internal entry point: the public method is used then, so copies of two versions still mix.
 * @module
 */
import type { EventLoop } from './event-loop.js'
import type { DoneCallback, Future } from './future.js'
import type { Handle, LoopCallback, TimerHandle } from './handles.js'
import { kAddCallback, kCallAt, kCallSoon } from './internal.js'

/** `loop.callSoon(fn, ...args)`, capturing no context. */
export function soon(loop: EventLoop, fn: LoopCallback, args?: readonly unknown[]): Handle {
  if (typeof loop[kCallSoon] === 'function') return loop[kCallSoon](fn, args)
  return loop.callSoon(fn, ...(args ?? []))
}

/** `loop.callAt(whenMs, fn, ...args)`, capturing no context. */
export function at(
  loop: EventLoop,
  whenMs: number,
  fn: LoopCallback,
  args?: readonly unknown[],
): TimerHandle {
  if (typeof loop[kCallAt] === 'function') return loop[kCallAt](whenMs, fn, args)
  return loop.callAt(whenMs, fn, ...(args ?? []))
}

/** `future.addDoneCallback(fn)`, capturing no context. */
export function whenDone<T>(future: Future<T>, fn: DoneCallback<T>): void {
  if (typeof future[kAddCallback] === 'function') future[kAddCallback](fn as DoneCallback<never>)
  else future.addDoneCallback(fn)
}
