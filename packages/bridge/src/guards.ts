import type { Future as AioFuture } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, hasBrand } from '@futures/core'

/**
 * Either kind of Future: an aio Future (or Task) or a concurrent Future.
 *
 * CPython: none (the union `asyncio.Future | concurrent.futures.Future`).
 * @example
 * const futures: AnyFuture<number>[] = [loop.createFuture<number>(), new ConcurrentFuture<number>()]
 */
export type AnyFuture<T = unknown> = AioFuture<T> | ConcurrentFuture<T>

/**
 * Whether `x` is a concurrent Future (`@futures/concurrent`), of any copy of that package and
 * from any realm: the check reads the `Symbol.for('@futures/concurrent/Future')` brand, not
 * `instanceof`.
 *
 * CPython: `isinstance(x, concurrent.futures.Future)`.
 * @example
 * isConcurrentFuture(new ConcurrentFuture()) // true
 * isConcurrentFuture(loop.createFuture()) // false
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#future-objects | concurrent.futures.Future}
 */
export function isConcurrentFuture(x: unknown): x is ConcurrentFuture<unknown> {
  return hasBrand(x, CONCURRENT_FUTURE_BRAND)
}

/**
 * Whether `x` is an aio Future or Task (`@futures/aio`), of any copy of that package and from
 * any realm (brand check). Promises and other thenables are not futures.
 *
 * CPython: `asyncio.isfuture`.
 * @example
 * isAioFuture(loop.createFuture()) // true
 * isAioFuture(Promise.resolve(1)) // false
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.isfuture | asyncio.isfuture}
 */
export function isAioFuture(x: unknown): x is AioFuture<unknown> {
  return hasBrand(x, AIO_FUTURE_BRAND)
}

/**
 * Whether `x` is a Future of either kind: {@link isAioFuture} or {@link isConcurrentFuture}.
 * Unlike CPython's `asyncio.isfuture`, a look-alike object without the brand is not a future.
 *
 * CPython: `asyncio.isfuture`, widened to both Future kinds.
 * @example
 * isFuture(loop.createFuture()) // true
 * isFuture(new ConcurrentFuture()) // true
 * isFuture({ then() {} }) // false
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.isfuture | asyncio.isfuture}
 */
export function isFuture(x: unknown): x is AnyFuture<unknown> {
  return hasBrand(x, AIO_FUTURE_BRAND) || hasBrand(x, CONCURRENT_FUTURE_BRAND)
}
