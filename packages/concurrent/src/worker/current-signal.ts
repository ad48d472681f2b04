const SIGNAL_KEY = Symbol.for('@futures/concurrent/worker.currentSignal')

type SignalHolder = { [SIGNAL_KEY]?: AbortSignal | undefined }

const never = new AbortController().signal

/**
 * Inside a worker: the AbortSignal of the task that is running, aborted when the caller's
 * `submitWith({ signal, timeout })` fires. Long tasks check it (`signal.throwIfAborted()`) or
 * listen to it to stop early; a task that ignores it is terminated `killAfter` ms later. A task
 * submitted without a signal gets one that never aborts. Kept on `globalThis`, so the copy of
 * this module a task imports sees the one the worker sets.
 *
 * CPython: none (CPython cannot stop running work); beyond CPython, with `submitWith`.
 *
 * @example
 * // tasks.js, run with pool.submitWith({ timeout: 1_000 }, task(url, 'crunch'), data)
 * import { currentSignal } from '@futures/concurrent/worker'
 * export function crunch(data) {
 *   const signal = currentSignal()
 *   for (const chunk of data) { signal.throwIfAborted(); work(chunk) }
 * }
 */
export function currentSignal(): AbortSignal {
  return (globalThis as SignalHolder)[SIGNAL_KEY] ?? never
}

/** @internal sets the signal `currentSignal()` returns (the worker loop). */
export function setCurrentSignal(signal: AbortSignal | undefined): void {
  ;(globalThis as SignalHolder)[SIGNAL_KEY] = signal
}
