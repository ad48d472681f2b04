/**
 * The errors both Future kinds share. CPython has two `CancelledError` classes (one per
 * module); we have one, so code that catches cancellation works in both worlds.
 *
 * Each class sets `name`, keeps `cause` (through `ErrorOptions`), and answers `instanceof`
 * by brand too, so an error thrown by another installed copy of `@futures/core` still matches.
 * @module
 */

const CANCELLED_BRAND = Symbol.for('@futures/core/CancelledError')
const INVALID_STATE_BRAND = Symbol.for('@futures/core/InvalidStateError')
const TIMEOUT_BRAND = Symbol.for('@futures/core/TimeoutError')

function brandedInstance(ctor: unknown, base: unknown, brand: symbol, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(ctor, value)) return true
  // Only the base class answers by brand: a subclass must still be matched by its prototype.
  return ctor === base && typeof value === 'object' && value !== null && brand in value
}

/**
 * The operation was cancelled. `message` is the cancel message, `''` when none was given.
 *
 * CPython: `concurrent.futures.CancelledError` and `asyncio.CancelledError`, one class here.
 *
 * @example
 * try {
 *   await future.result()
 * } catch (error) {
 *   if (error instanceof CancelledError) console.log('cancelled:', error.message)
 * }
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.CancelledError | concurrent.futures.CancelledError}
 * @see {@link https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.CancelledError | asyncio.CancelledError}
 */
export class CancelledError extends Error {
  static {
    CancelledError.prototype.name = 'CancelledError'
    Object.defineProperty(CancelledError.prototype, CANCELLED_BRAND, { value: true })
  }

  /** @param message the cancel message; `''` when there is none (CPython's `CancelledError()`). */
  constructor(message = '', options?: ErrorOptions) {
    super(message, options)
  }

  /** `instanceof` by prototype, or by brand for the base class (errors from another copy of `@futures/core`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (maybe a subclass)
    return brandedInstance(this, CancelledError, CANCELLED_BRAND, value)
  }
}

/**
 * An operation is not allowed in the future's current state: `setResult` on a done future,
 * `resultNow()` on one that is not done.
 *
 * CPython: `concurrent.futures.InvalidStateError` and `asyncio.InvalidStateError`, one class here.
 *
 * @example
 * future.setResult(1)
 * future.setResult(2) // throws InvalidStateError('FINISHED: <Future state=finished returned number>')
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.InvalidStateError | concurrent.futures.InvalidStateError}
 */
export class InvalidStateError extends Error {
  static {
    InvalidStateError.prototype.name = 'InvalidStateError'
    Object.defineProperty(InvalidStateError.prototype, INVALID_STATE_BRAND, { value: true })
  }

  /** `instanceof` by prototype, or by brand for the base class (errors from another copy of `@futures/core`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (maybe a subclass)
    return brandedInstance(this, InvalidStateError, INVALID_STATE_BRAND, value)
  }
}

/**
 * A deadline passed first: `result(timeout)`, `asCompleted` with a timeout, an executor's
 * `map`. The message is CPython's (`''` for `result`, `'N (of M) futures unfinished'` for
 * `asCompleted`).
 *
 * CPython: the builtin `TimeoutError` (which `concurrent.futures.TimeoutError` and
 * `asyncio.TimeoutError` alias since 3.11).
 *
 * @example
 * await future.result(100) // rejects with TimeoutError after 100 ms if still pending
 * @see {@link https://docs.python.org/3/library/exceptions.html#TimeoutError | TimeoutError}
 */
export class TimeoutError extends Error {
  static {
    TimeoutError.prototype.name = 'TimeoutError'
    Object.defineProperty(TimeoutError.prototype, TIMEOUT_BRAND, { value: true })
  }

  /** `instanceof` by prototype, or by brand for the base class (errors from another copy of `@futures/core`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (maybe a subclass)
    return brandedInstance(this, TimeoutError, TIMEOUT_BRAND, value)
  }
}
