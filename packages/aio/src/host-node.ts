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
  /**
   * Runs `fn` with `store` as the current store (`undefined`: outside any task); async work
   * started in it keeps the store.
   */
  run<R>(store: S | undefined, fn: () => R): R
  /** The store of the running code, if any. */
  getStore(): S | undefined
}

/** Runs `fn` in a later host macrotask, outside any task's context. */
export function scheduleMacrotask(fn: () => void): void {
  const context = STATE.taskContext
  if (context === undefined) setImmediate(fn)
  else context.run(undefined, () => setImmediate(fn))
}

/** Runs `fn` now, outside any task's context (so timers it starts carry none). */
export function outsideTaskContext<R>(fn: () => R): R {
  const context = STATE.taskContext
  // `run(undefined, …)`, not `exit()`: Node 20's `exit()` disables the storage and enables it
  // again, which turns the process's promise hooks off and on at every call.
  return context === undefined ? fn() : context.run(undefined, fn)
}

/**
 * The host's async context as it is now: every `AsyncLocalStorage` store, held by an
 * `AsyncResource` (what `AsyncLocalStorage.snapshot()` does, without Node 20's per-call
 * `util.deprecate` wrapper around `AsyncResource.bind`). Opaque outside this file.
 */
export type HostContext = AsyncResource

/** Captures the host's async context as it is now (CPython's `contextvars.copy_context()`). */
export function captureContext(): HostContext {
  return new AsyncResource('futures.aio')
}

/** Calls `fn` with `this` = `thisArg` inside a captured host context. */
export function runInHostContext<T, R>(context: HostContext, fn: (this: T) => R, thisArg: T): R {
  return context.runInAsyncScope(fn, thisArg)
}

/** The task context, created (and async hooks enabled) on the first call. */
export function taskContext<S>(): TaskContext<S> {
  const state = sharedState()
  if (state.taskContext === undefined) state.taskContext = new AsyncLocalStorage<unknown>()
  return state.taskContext as TaskContext<S>
}

/**
 * Calls `fn` once the host has nothing left to do (Node's `'beforeExit'`): a promise still
 * pending then can never settle. Returns a function that stops watching.
 */
export function whenHostIdle(fn: () => void): () => void {
  const listener = (): void => fn()
  process.once('beforeExit', listener)
  return () => {
    process.off('beforeExit', listener)
  }
}
