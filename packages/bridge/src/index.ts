/**
 * `@futures/bridge`: between the concurrent Future (`@futures/concurrent`) and the aio Future
 * (`@futures/aio`): conversions, chaining, running coroutines and executor work across the
 * two worlds, and brand guards.
 * @packageDocumentation
 * @document ../README.md
 * @module @futures/bridge
 */
export { chainFuture } from './chain-future.js'
export { type AnyFuture, isAioFuture, isConcurrentFuture, isFuture } from './guards.js'
export { runCoroutineThreadsafe } from './run-coroutine-threadsafe.js'
export { runInExecutor, toThread } from './run-in-executor.js'
export { toConcurrentFuture } from './to-concurrent-future.js'
export { toPromise } from './to-promise.js'
export { type WrapFutureOptions, wrapFuture } from './wrap-future.js'
