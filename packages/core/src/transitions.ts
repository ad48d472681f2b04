import {
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  FINISHED,
  type FutureState,
  PENDING,
  RUNNING,
} from './states.js'

/**
 * The legal moves between states, as CPython makes them. A state maps to the states it may
 * move to; the end states map to nothing. `cancel()` and `setResult()` of both Future kinds,
 * and the reference models of our property tests, agree with this table.
 *
 * CPython: none as a table; it is the set of moves `concurrent.futures._base.Future` makes.
 *
 * @example
 * CONCURRENT_TRANSITIONS[RUNNING] // ['FINISHED']: a running future cannot be cancelled
 */
export const CONCURRENT_TRANSITIONS: Readonly<Record<FutureState, readonly FutureState[]>> = {
  [PENDING]: [RUNNING, CANCELLED, FINISHED],
  [RUNNING]: [FINISHED],
  [CANCELLED]: [CANCELLED_AND_NOTIFIED],
  [CANCELLED_AND_NOTIFIED]: [],
  [FINISHED]: [],
}

/**
 * Whether `from → to` is a legal move of a concurrent Future.
 *
 * CPython: none (see {@link CONCURRENT_TRANSITIONS}).
 * @example
 * canTransition(PENDING, RUNNING) // true
 * canTransition(CANCELLED, FINISHED) // false: setResult on a cancelled future is an InvalidStateError
 */
export function canTransition(from: FutureState, to: FutureState): boolean {
  return CONCURRENT_TRANSITIONS[from].includes(to)
}

/**
 * `done()`: FINISHED or either cancelled state.
 *
 * CPython: the state test inside `concurrent.futures.Future.done`.
 * @example
 * isDoneState(CANCELLED) // true
 */
export function isDoneState(state: FutureState): boolean {
  return state === FINISHED || state === CANCELLED || state === CANCELLED_AND_NOTIFIED
}

/**
 * `cancelled()`: CANCELLED or CANCELLED_AND_NOTIFIED.
 *
 * CPython: the state test inside `concurrent.futures.Future.cancelled`.
 * @example
 * isCancelledState(CANCELLED_AND_NOTIFIED) // true
 */
export function isCancelledState(state: FutureState): boolean {
  return state === CANCELLED || state === CANCELLED_AND_NOTIFIED
}

/**
 * Whether `wait`/`asCompleted` count the state as done: FINISHED or CANCELLED_AND_NOTIFIED.
 * A future that is only CANCELLED is not (CPython; see the conformance point CW-08).
 *
 * CPython: the states `concurrent.futures.wait` and `as_completed` collect as finished.
 * @example
 * isSettledForWait(CANCELLED) // false: not notified yet, so wait() does not see it
 */
export function isSettledForWait(state: FutureState): boolean {
  return state === FINISHED || state === CANCELLED_AND_NOTIFIED
}

/**
 * The lowercase state word CPython prints in a Future's repr (`state=pending`); both
 * cancelled states print as `cancelled`.
 *
 * CPython: `_STATE_TO_DESCRIPTION_MAP` in `concurrent.futures._base`.
 * @example
 * stateLabel(CANCELLED_AND_NOTIFIED) // 'cancelled'
 */
export function stateLabel(state: FutureState): string {
  return state === CANCELLED_AND_NOTIFIED ? 'cancelled' : state.toLowerCase()
}

/**
 * The type name CPython's repr gives a result or exception (`returned int`, `raised OSError`),
 * in JavaScript terms: an object's constructor name (an error's `name`), or `typeof` for
 * primitives, with `null` and `undefined` spelled out.
 *
 * CPython: the `type(...).__qualname__` part of `Future.__repr__`.
 * @example
 * typeLabel(42) // 'number'
 * typeLabel(new RangeError('x')) // 'RangeError'
 */
export function typeLabel(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'function') return 'function'
  if (typeof value !== 'object') return typeof value
  if (value instanceof Error && typeof value.name === 'string') return value.name
  const ctor: unknown = (value as { constructor?: unknown }).constructor
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'Object'
}
