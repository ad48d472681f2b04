import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, hasBrand } from '@futures/core'
import type { EventLoop } from './event-loop.js'
import { getEventLoop } from './events.js'
import type { Future } from './future.js'
import { type CoroutineLike, type GeneratorCoroutine, isCoroutineLike, type Task } from './task.js'

/**
 * Options for {@link ensureFuture}.
 *
 * CPython: the `loop` parameter of `asyncio.ensure_future`.
 *
 * @example
 * const task = ensureFuture(async () => 42, { loop })
 */
export interface EnsureFutureOptions {
  /** The loop to create a task on. @defaultValue the running loop, else the current one */
  readonly loop?: EventLoop | undefined
}

/**
 * Whether `x` is an aio Future (or Task), of any copy of this package.
 *
 * CPython: `asyncio.isfuture` (only aio futures; `@futures/bridge`'s `isFuture` takes both kinds).
 *
 * @example
 * isFuture(loop.createFuture()) // true
 * isFuture(Promise.resolve()) // false
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.isfuture | asyncio.isfuture}
 */
export function isFuture(x: unknown): x is Future<unknown> {
  return hasBrand(x, AIO_FUTURE_BRAND)
}

/**
 * An aio Future for `x`: an aio Future or Task as is; a coroutine or thenable wrapped in a
 * new Task.
 *
 * CPython: `asyncio.ensure_future`.
 *
 * @throws TypeError for anything else (a concurrent Future: use `wrapFuture`); Error for a
 *   future of another loop than `options.loop`.
 * @example
 * const future = ensureFuture(async () => 42) // a Task on the running loop
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.ensure_future | asyncio.ensure_future}
 */
export function ensureFuture<T>(x: Future<T>, options?: EnsureFutureOptions): Future<T>
export function ensureFuture<T>(
  x: () => GeneratorCoroutine<T>,
  options?: EnsureFutureOptions,
): Task<T>
export function ensureFuture<T>(x: GeneratorCoroutine<T>, options?: EnsureFutureOptions): Task<T>
export function ensureFuture<T>(x: () => PromiseLike<T> | T, options?: EnsureFutureOptions): Task<T>
export function ensureFuture<T>(x: PromiseLike<T>, options?: EnsureFutureOptions): Task<T>
export function ensureFuture<T>(
  x: Future<T> | CoroutineLike<T>,
  options?: EnsureFutureOptions,
): Future<T>
export function ensureFuture<T>(
  x: Future<T> | CoroutineLike<T>,
  options: EnsureFutureOptions = {},
): Future<T> {
  if (hasBrand(x, AIO_FUTURE_BRAND)) {
    const future = x as Future<T>
    if (options.loop !== undefined && future.getLoop() !== options.loop) {
      throw new Error(
        'The future belongs to a different loop than the one specified as the loop argument',
      )
    }
    return future
  }
  if (hasBrand(x, CONCURRENT_FUTURE_BRAND)) {
    throw new TypeError(
      'An aio Future, a coroutine or an awaitable is required, got a concurrent Future: wrap it with wrapFuture() from @futures/bridge',
    )
  }
  if (!isCoroutineLike(x)) {
    throw new TypeError('An aio Future, a coroutine or an awaitable is required')
  }
  const loop = options.loop ?? getEventLoop()
  return loop.createTask<T>(x as CoroutineLike<T>)
}
