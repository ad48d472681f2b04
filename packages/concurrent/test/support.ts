import { ManualClock } from '@futures/core'
import { vi } from 'vitest'
import { Future, type Logger, setLogger } from '../src/index.js'

export { ManualClock }

/** The end and in-between states a test can put a future in, through public calls only. */
export type StateCase =
  | 'PENDING'
  | 'RUNNING'
  | 'CANCELLED'
  | 'CANCELLED_AND_NOTIFIED'
  | 'FINISHED (result)'
  | 'FINISHED (exception)'

/** The value a `FINISHED (result)` future holds. */
export const RESULT = 42

/**
 * A future in `state`, reached the way CPython's table says (the CPython tests assign `_state`;
 * the port's tests do not). A `FINISHED (exception)` future holds `error` (default: a fresh
 * `Error('boom')`).
 */
export function futureIn(state: StateCase, error: unknown = new Error('boom')): Future<number> {
  const f = new Future<number>()
  switch (state) {
    case 'PENDING':
      break
    case 'RUNNING':
      f.setRunningOrNotifyCancel()
      break
    case 'CANCELLED':
      f.cancel()
      break
    case 'CANCELLED_AND_NOTIFIED':
      f.cancel()
      f.setRunningOrNotifyCancel()
      break
    case 'FINISHED (result)':
      f.setResult(RESULT)
      break
    case 'FINISHED (exception)':
      f.setException(error)
      break
  }
  return f
}

/**
 * What `fn` threw. Fails (throws) if `fn` returned normally, so a test built on it cannot pass
 * when nothing is thrown; the assertions go on the returned value, never inside a `catch`.
 */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw, but it returned')
}

/** A spy logger for `'concurrent.futures'`, with its two methods as vitest mocks. */
export interface SpyLogger extends Logger {
  error: ReturnType<typeof vi.fn<Logger['error']>>
  critical: ReturnType<typeof vi.fn<Logger['critical']>>
}

/**
 * Installs a spy logger on `'concurrent.futures'` (callback errors and unexpected states are
 * reported there). Restore it with {@link restoreLogger} in `afterEach`.
 */
export function spyLogger(): SpyLogger {
  const logger: SpyLogger = { error: vi.fn(), critical: vi.fn() }
  setLogger('concurrent.futures', logger)
  return logger
}

/** Puts the default `'concurrent.futures'` logger back. */
export function restoreLogger(): void {
  setLogger('concurrent.futures', undefined)
}

/**
 * A spy that records whether (and how) a promise settled, without awaiting it: attach it
 * before moving time, read `settled` after. Attaching both handlers keeps a rejection handled.
 */
export function watch(promise: Promise<unknown>): ReturnType<typeof vi.fn> {
  const settled = vi.fn()
  promise.then(
    (value) => settled('fulfilled', value),
    (reason) => settled('rejected', reason),
  )
  return settled
}

/** Lets every queued promise reaction run (fake timers do not fake microtasks). */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
