/**
 * Shared helpers for the wait / asCompleted tests: a manual clock installed through core's
 * clock seam, CPython's fixture futures reached through public calls, and small probes.
 * Not a test file itself (vitest only runs `*.test.ts`).
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import { ManualClock } from '@futures/core'
import { afterEach, beforeEach } from 'vitest'
import { Future } from '../src/index.js'

export { ManualClock }

/**
 * Installs a fresh {@link ManualClock} before each test of the calling file and restores the
 * previous clock after it. Read the clock through the returned getter.
 */
export function useManualClock(): () => ManualClock {
  let clock: ManualClock | undefined
  let restore: (() => void) | undefined
  beforeEach(() => {
    clock = new ManualClock()
    restore = clock.install()
  })
  afterEach(() => {
    restore?.()
    clock = undefined
  })
  return () => {
    if (clock === undefined) throw new Error('useManualClock: no test is running')
    return clock
  }
}

/** Lets every queued microtask (and one turn of the host loop) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Whether `promise` has settled once everything queued so far has run. */
export async function promiseState(
  promise: Promise<unknown>,
): Promise<'pending' | 'fulfilled' | 'rejected'> {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending'
  promise.then(
    () => {
      state = 'fulfilled'
    },
    () => {
      state = 'rejected'
    },
  )
  await flush()
  return state
}

// CPython's fixture futures (test_concurrent_futures.util), reached through public calls only.

/** PENDING_FUTURE. */
export function pendingFuture<T = number>(): Future<T> {
  return new Future<T>()
}

/** RUNNING_FUTURE: claimed by an executor. */
export function runningFuture<T = number>(): Future<T> {
  const f = new Future<T>()
  f.setRunningOrNotifyCancel()
  return f
}

/** SUCCESSFUL_FUTURE. */
export function successfulFuture<T = number>(value: T): Future<T> {
  const f = new Future<T>()
  f.setResult(value)
  return f
}

/** EXCEPTION_FUTURE. */
export function exceptionFuture<T = number>(error: unknown = new Error('boom')): Future<T> {
  const f = new Future<T>()
  f.setException(error)
  return f
}

/** CANCELLED_FUTURE: cancelled, never acknowledged by an executor. */
export function cancelledFuture<T = number>(): Future<T> {
  const f = new Future<T>()
  f.cancel()
  return f
}

/** CANCELLED_AND_NOTIFIED_FUTURE: cancelled, and acknowledged by an executor. */
export function cancelledAndNotifiedFuture<T = number>(): Future<T> {
  const f = new Future<T>()
  f.cancel()
  f.setRunningOrNotifyCancel()
  return f
}

const kWaiterCount = Symbol.for('@futures/concurrent/Future.waiterCount')

/** How many group waiters and readers are hanging on `f` (the Future's internal getter). */
export function waiterCount(f: Future<unknown>): number {
  const count = (f as unknown as Record<symbol, unknown>)[kWaiterCount]
  if (typeof count !== 'number') throw new Error('the Future has no waiter count')
  return count
}

/**
 * Names for futures, so that assertions compare identities (two pending futures are deeply
 * equal to each other, so `toEqual` on sets of futures could not tell them apart).
 */
export function namer(futures: Record<string, Future<unknown>>): {
  /** Sorted names of a set of futures (`'?'` for a future not named here). */
  set(items: Iterable<Future<unknown>>): string[]
  /** Names in the order given. */
  list(items: Iterable<Future<unknown>>): string[]
} {
  const names = new Map<Future<unknown>, string>()
  for (const [name, f] of Object.entries(futures)) names.set(f, name)
  const list = (items: Iterable<Future<unknown>>): string[] =>
    Array.from(items, (f) => names.get(f) ?? '?')
  return { list, set: (items) => list(items).sort() }
}

/** Runs an async iterator to its end, collecting what it yields and the error it ends with. */
export async function drain<T>(
  iterator: AsyncIterator<T>,
): Promise<{ readonly yielded: T[]; readonly error: unknown; readonly failed: boolean }> {
  const yielded: T[] = []
  for (;;) {
    let result: IteratorResult<T>
    try {
      result = await iterator.next()
    } catch (error) {
      return { yielded, error, failed: true }
    }
    if (result.done === true) return { yielded, error: undefined, failed: false }
    yielded.push(result.value)
  }
}

/**
 * A full garbage collection. Node exposes `gc` only with `--expose-gc`; setting the flag at
 * run time and fetching `gc` from a fresh context works as well (jest's leak detector does
 * the same).
 */
export async function collectGarbage(): Promise<void> {
  const globalGc = (globalThis as { gc?: () => void }).gc
  let gc = globalGc
  if (typeof gc !== 'function') {
    v8.setFlagsFromString('--expose-gc')
    gc = vm.runInNewContext('gc') as () => void
  }
  // A WeakRef target stays alive until the current job ends: let it end first.
  await flush()
  gc()
  await flush()
  gc()
}
