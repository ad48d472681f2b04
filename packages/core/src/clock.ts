/**
 * The clock seam: every timeout and deadline in `@futures` reads time and starts timers
 * through here, so a test (or a virtual-time loop) can drive it. The default calls the host's
 * globals *inside* arrows, so fake timers installed later (vitest's `useFakeTimers`) still apply.
 *
 * The current clock is per process, kept on `globalThis` under a registered symbol, so the ESM
 * and CJS builds and two installed copies of `@futures/core` all see the same one.
 * @module
 */

/** An opaque timer id, as returned by {@link Clock.setTimeout}. CPython: none. */
export type TimerId = unknown

/**
 * Where time comes from. Milliseconds throughout.
 *
 * CPython: none (CPython reads `time.monotonic()` directly; this is our test seam).
 * @example
 * const frozen: Clock = { now: () => 0, setTimeout: () => undefined, clearTimeout: () => {} }
 */
export interface Clock {
  /** Milliseconds from a monotonic origin. */
  now(): number
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerId
  /** Cancels a timer made by {@link Clock.setTimeout}; unknown ids are ignored. */
  clearTimeout(id: TimerId): void
}

/**
 * The host's clock: `performance.now()`, `setTimeout`, `clearTimeout`, looked up at each call.
 *
 * CPython: `time.monotonic()` and the thread's `Condition.wait(timeout)`.
 * @example
 * setClock(hostClock) // back to real time
 */
export const hostClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (id) => clearTimeout(id as Parameters<typeof clearTimeout>[0]),
}

const CLOCK_KEY = Symbol.for('@futures/core/clock')
type ClockHolder = { [CLOCK_KEY]?: Clock | undefined }

/**
 * The clock in use: the one given to {@link setClock}, or {@link hostClock}.
 *
 * CPython: none (the seam stands for `time.monotonic()`).
 * @example
 * const deadline = getClock().now() + 1_000
 */
export function getClock(): Clock {
  return (globalThis as ClockHolder)[CLOCK_KEY] ?? hostClock
}

/**
 * Replaces the clock for the whole process; `undefined` restores {@link hostClock}.
 *
 * CPython: none (a test seam). {@link ManualClock.install} does this for you.
 * @returns the clock that was in use, so a test can put it back.
 * @example
 * const previous = setClock(new ManualClock())
 * try {
 *   // … code whose timeouts should run on the manual clock
 * } finally {
 *   setClock(previous)
 * }
 */
export function setClock(clock: Clock | undefined): Clock {
  const previous = getClock()
  ;(globalThis as ClockHolder)[CLOCK_KEY] = clock
  return previous
}
