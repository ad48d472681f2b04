/**
 * The host seam: everything `@futures/aio` needs from Node, in one file, so a browser entry
 * can later swap it for `MessageChannel` and a context mechanism of its own.
 *
 * - `scheduleMacrotask(fn)`: one host macrotask (`setImmediate`), so host I/O gets in between
 *   two loop iterations.
 * - `taskContext()`: the `AsyncLocalStorage` that tells an async-function task which aio
 *   future it awaits. It is created lazily, the first time an async-function task starts:
 *   enabling it slows every promise of the process (async hooks), so plain futures and
 *   generator coroutines never pay for it.
 * @module
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks'
import { sharedState } from './state.js'

const STATE = sharedState()

/** The piece of `AsyncLocalStorage` the tasks use. */
export interface TaskContext<S> {
  /** Runs `fn` with `store` as the current store; async work started in it keeps the store. */
  run<R>(store: S, fn: () => R): R
  /** The store of the running code, if any. */
  getStore(): S | undefined
  /** Runs `fn` outside any store; async work started in it has none. */
  exit<R>(fn: () => R): R
}

/** Runs `fn` in a later host macrotask, outside any task's context. */
export function scheduleMacrotask(fn: () => void): void {
  const context = STATE.taskContext
  if (context === undefined) setImmediate(fn)
  else context.exit(() => setImmediate(fn))
}

/** Runs `fn` now, outside any task's context (so timers it starts carry none). */
export function outsideTaskContext<R>(fn: () => R): R {
  const context = sharedState().taskContext
  return context === undefined ? fn() : context.exit(fn)
}

/**
 * The host's async context as it is now (every `AsyncLocalStorage` store), as a function
 * that runs a callback inside it: an async-function task starts in its creator's context.
 */
export function captureContext(): <R>(fn: () => R) => R {
  // What `AsyncLocalStorage.snapshot()` does, without its per-call `util.deprecate` wrapper
  // (Node 20's `AsyncResource.bind`), which cost a sixth of a 100k-task gather.
  const resource = new AsyncResource('futures.aio.Task')
  return (fn) => resource.runInAsyncScope(fn)
}

/** The task context, created (and async hooks enabled) on the first call. */
export function taskContext<S>(): TaskContext<S> {
  const state = sharedState()
  if (state.taskContext === undefined) state.taskContext = new AsyncLocalStorage<unknown>()
  return state.taskContext as TaskContext<S>
}
