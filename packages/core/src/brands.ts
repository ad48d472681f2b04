/**
 * Brands: registered symbols that mark each Future kind. A guard that checks the brand works
 * across two installed copies of a package, across the ESM and CJS builds, and across realms,
 * where `instanceof` does not.
 * @module
 */

/**
 * The brand every `@futures/concurrent` Future carries (value `true`).
 *
 * CPython: none (Python checks classes; brands replace `isinstance` across package copies).
 * @example
 * const looksConcurrent = hasBrand(value, CONCURRENT_FUTURE_BRAND)
 */
export const CONCURRENT_FUTURE_BRAND: unique symbol = Symbol.for('@futures/concurrent/Future')

/**
 * The brand every `@futures/aio` Future (and so every Task) carries (value `true`).
 *
 * CPython: none (asyncio marks futures with `_asyncio_future_blocking`; we use a brand).
 * @example
 * const looksAio = hasBrand(value, AIO_FUTURE_BRAND)
 */
export const AIO_FUTURE_BRAND: unique symbol = Symbol.for('@futures/aio/Future')

/**
 * Whether `value` is an object or function carrying `brand`.
 *
 * CPython: none (it is `isinstance` made safe across copies); the bridge's `isFuture` is
 * built on it.
 * @example
 * hasBrand(new Future(), CONCURRENT_FUTURE_BRAND) // true, whichever copy made the Future
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  )
}
