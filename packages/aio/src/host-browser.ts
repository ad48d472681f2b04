/**
 * The host seam in a browser (or any host without `node:async_hooks`): the same exports as
 * `host-node.ts`, which the browser build (`dist/browser/`, the `browser` condition of the
 * package's `exports`) puts in its place. No `node:` import may reach this file.
 *
 * - `scheduleMacrotask(fn)`: one host macrotask from a `MessageChannel` (`setTimeout(fn, 0)`
 *   where there is none), so input events and rendering get in between two loop iterations.
 *   Unlike `setTimeout`, a message is not clamped to 4 ms after a few nested calls.
 * - No `AsyncLocalStorage`: `captureContext()` returns an empty token, `runInHostContext` only
 *   calls the function, `whenHostIdle` never fires, and `taskContext()` is a stand-in that knows the task whose step runs *now*: the store of a
 *   synchronous `run()`, else the async-function task the running loop paused its batch for
 *   (its step began when an aio future it awaited was settled; the loop goes on once the
 *   function awaits the next pending aio future and the microtasks queued so far ran; the
 *   loop records it in the shared state). Code that an async function runs after awaiting a
 *   foreign promise that settles in a later macrotask (a `fetch`, a timer) is outside any
 *   step: the task no longer knows which aio future it awaits. See "In the browser" in the
 *   README.
 * @module
 */
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

/** The part of a DOM `MessagePort` used here (the package is typed against Node, not the DOM). */
interface Port {
  onmessage: (() => void) | null
  postMessage(message: undefined): void
}

/** Callbacks waiting for their `MessageChannel` message, one message each, in order. */
const queued: (() => void)[] = []
let post: (() => void) | undefined

function runNext(): void {
  const fn = queued.shift()
  if (fn !== undefined) fn()
}

function poster(): () => void {
  if (post === undefined) {
    if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel() as unknown as { port1: Port; port2: Port }
      channel.port1.onmessage = runNext
      post = () => channel.port2.postMessage(undefined)
    } else post = () => setTimeout(runNext, 0)
  }
  return post
}

/** Runs `fn` in a later host macrotask, outside any task's context. */
export function scheduleMacrotask(fn: () => void): void {
  queued.push(fn)
  poster()()
}

/** Runs `fn` now, outside any task's context (so timers it starts carry none). */
export function outsideTaskContext<R>(fn: () => R): R {
  const context = STATE.taskContext
  return context === undefined ? fn() : context.run(undefined, fn)
}

/**
 * The host's async context. A browser has none to capture (no `AsyncLocalStorage`): one
 * shared, empty token stands for it, and running "inside" it only calls the function. Opaque
 * outside this file (a non-function, so it is never taken for a user's `{ context }` runner).
 */
export type HostContext = { readonly [NO_CONTEXT]: true }

declare const NO_CONTEXT: unique symbol
const EMPTY: HostContext = Object.freeze({}) as HostContext

/** Captures the host's async context as it is now: nothing to capture in a browser. */
export function captureContext(): HostContext {
  return EMPTY
}

/** Calls `fn` with `this` = `thisArg` (a browser's captured context is empty). */
export function runInHostContext<T, R>(_context: HostContext, fn: (this: T) => R, thisArg: T): R {
  return fn.call(thisArg)
}

/**
 * Calls `fn` once the host has nothing left to do. A page has no such moment (Node's
 * `'beforeExit'`), so `fn` is never called: `run()` waits for a leftover task that goes on
 * after its cancel. Returns a function that stops watching.
 */
export function whenHostIdle(_fn: () => void): () => void {
  return stopNothing
}

function stopNothing(): void {}

/** No explicit store: fall back to the open step. */
const NONE = 0
/** Inside `run(store, fn)` (`run(undefined, fn)`: outside any task). */
const STORE = 1

/** The synchronous stand-in for `AsyncLocalStorage` (see the module comment). */
class StepContext<S> implements TaskContext<S> {
  #mode: typeof NONE | typeof STORE = NONE
  #store: S | undefined = undefined

  run<R>(store: S | undefined, fn: () => R): R {
    const mode = this.#mode
    const previous = this.#store
    this.#mode = STORE
    this.#store = store
    try {
      return fn()
    } finally {
      this.#mode = mode
      this.#store = previous
    }
  }

  getStore(): S | undefined {
    if (this.#mode === STORE) return this.#store
    const step = STATE.openStep as { done(): boolean } | undefined
    return step === undefined || step.done() ? undefined : (step as S)
  }
}

/** The task context, created on the first call. */
export function taskContext<S>(): TaskContext<S> {
  const state = sharedState()
  if (state.taskContext === undefined) state.taskContext = new StepContext<unknown>()
  return state.taskContext as TaskContext<S>
}
