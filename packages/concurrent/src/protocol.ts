import type { CompletionWaiter, FutureState } from '@futures/core'

/**
 * The symbol-keyed members through which `wait` and `asCompleted` see a Future's state and hang
 * their waiters on it. They are registered symbols, so a Future made by another installed copy
 * of this package takes part in a `wait` as well. Not part of the public API.
 * @internal
 */
export const kState: unique symbol = Symbol.for('@futures/concurrent/Future.state')
/** @internal whether a FINISHED future holds an exception (it may be `undefined`). */
export const kFailed: unique symbol = Symbol.for('@futures/concurrent/Future.failed')
/** @internal */
export const kAddWaiter: unique symbol = Symbol.for('@futures/concurrent/Future.addWaiter')
/** @internal */
export const kRemoveWaiter: unique symbol = Symbol.for('@futures/concurrent/Future.removeWaiter')
/** @internal how many group waiters are installed (for tests of clean-up). */
export const kWaiterCount: unique symbol = Symbol.for('@futures/concurrent/Future.waiterCount')

/** @internal The view `wait` needs of a concurrent Future. */
export interface WaitableFuture {
  [kState](): FutureState
  [kFailed](): boolean
  [kAddWaiter](waiter: CompletionWaiter<never>): void
  [kRemoveWaiter](waiter: CompletionWaiter<never>): void
}
