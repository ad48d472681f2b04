/**
 * The context a callback or a task runs in (CPython's `contextvars.Context`): either one the
 * host captured (on Node, every `AsyncLocalStorage` store), or a runner the user gave with
 * `{ context }` (such as `AsyncLocalStorage.snapshot()`).
 * @module
 */
import { describeValue } from '@futures/core'
import type { CallbackContext } from './future.js'
import { type HostContext, runInHostContext } from './host-node.js'

/** A captured host context or a user's runner. */
export type LoopContext = HostContext | CallbackContext

/** Calls `fn` with `this` = `thisArg` inside `context`, and returns what it returns. */
export function runInContext<T, R>(context: LoopContext, fn: (this: T) => R, thisArg: T): R {
  if (typeof context !== 'function') return runInHostContext(context, fn, thisArg)
  let result: R | undefined
  context(() => {
    result = fn.call(thisArg)
  })
  return result as R
}

/**
 * Checks a `{ context }` option at the call: a function that runs a callback, or nothing.
 * @throws TypeError for anything else.
 */
export function checkContextOption(context: unknown, where: string): void {
  if (context !== undefined && typeof context !== 'function') {
    throw new TypeError(
      `${where}: context must be a function that runs a callback, got ${describeValue(context)}`,
    )
  }
}
