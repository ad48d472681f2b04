/**
 * Reads a timeout argument the way every `@futures` call does: milliseconds; `undefined`
 * (or `Infinity`) waits forever; `0` or less does not wait; anything else is a clear error.
 *
 * CPython: none (Python's timeouts are seconds, checked where they are used).
 *
 * @param value the argument as received.
 * @param name the argument's name, for the error message.
 * @returns `undefined` for "forever", otherwise a number `>= 0`.
 * @throws TypeError if `value` is neither `undefined` nor a number.
 * @throws RangeError if `value` is `NaN`.
 * @example
 * toTimeoutMs(-5) // 0: a negative timeout behaves as 0, as in CPython
 */
export function toTimeoutMs(value: unknown, name = 'timeout'): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number') {
    throw new TypeError(
      `${name} must be a number of milliseconds or undefined, got ${describeValue(value)}`,
    )
  }
  if (Number.isNaN(value)) throw new RangeError(`${name} must not be NaN`)
  if (value === Number.POSITIVE_INFINITY) return undefined
  return value > 0 ? value : 0
}

/**
 * A short description of a value for error messages: its type, and the value itself when it
 * is a primitive (`string 'x'`, `number 3`, `object Promise`).
 *
 * CPython: none (error messages there print `repr(value)`).
 * @example
 * describeValue(42) // 'number 42'
 * describeValue(Promise.resolve()) // 'object Promise'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'string':
      return `string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`
    case 'symbol':
      return value.toString()
    case 'function':
      return `function ${value.name || '(anonymous)'}`
    default: {
      const ctor: unknown = (value as { constructor?: unknown }).constructor
      return `object ${typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'Object'}`
    }
  }
}
