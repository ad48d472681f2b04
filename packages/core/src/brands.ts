/**
 * Brands: registered symbols that mark each Future kind. A guard that checks the brand works
 * across two installed copies of a package, across the ESM and CJS builds, and across realms,
 * where `instanceof` does not.
 * @module
 */

/** The brand every `@futures/concurrent` Future carries (value `true`). */
export const CONCURRENT_FUTURE_BRAND: unique symbol = Symbol.for('@futures/concurrent/Future')

/** The brand every `@futures/aio` Future (and so every Task) carries (value `true`). */
export const AIO_FUTURE_BRAND: unique symbol = Symbol.for('@futures/aio/Future')

/**
 * Whether `value` is an object or function carrying `brand`.
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
