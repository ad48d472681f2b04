import {
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  CallbackList,
  CancelledError,
  CONCURRENT_FUTURE_BRAND,
  type CompletionWaiter,
  FINISHED,
  type FutureState,
  getClock,
  getLogger,
  InvalidStateError,
  PENDING,
  RUNNING,
  stateLabel,
  TimeoutError,
  type TimerId,
  toTimeoutMs,
  typeLabel,
} from '@futures/core'
import { kAddWaiter, kFailed, kRemoveWaiter, kState, kWaiterCount } from './protocol.js'

/**
 * A done callback: called with the future, synchronously, once it is done.
 *
 * CPython: the `fn` of `Future.add_done_callback`.
 * @example
 * const log: DoneCallback<number> = (f) => console.log(f.cancelled() ? 'cancelled' : f.resultNow())
 */
export type DoneCallback<T> = (future: Future<T>) => void

/** A `result()`/`exception()` promise waiting for the future. */
interface Reader {
  wake(): void
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom')

/**
 * The outcome of work that runs elsewhere: a thread pool, a process pool, or your own executor.
 * It mirrors CPython's `concurrent.futures.Future` state for state (PENDING → RUNNING →
 * FINISHED, or PENDING → CANCELLED → CANCELLED_AND_NOTIFIED).
 *
 * - Done callbacks run **synchronously**, in the order added, when the future completes (or
 *   at once, if it is already done). A callback that throws is reported on the
 *   `'concurrent.futures'` logger and the others still run.
 * - CPython's blocking `result(timeout)` returns a Promise here; `resultNow()` reads a done
 *   future synchronously.
 * - A concurrent Future is **not awaitable** (it has no `then`), as in CPython: write
 *   `await future.result()`, or `await wrapFuture(future)` from `@futures/bridge`.
 *
 * @typeParam T the result type.
 * @example
 * const future = new Future<number>()
 * future.addDoneCallback((f) => console.log('done with', f.resultNow()))
 * future.setResult(42) // logs "done with 42" before setResult returns
 * console.log(await future.result()) // 42
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#future-objects | concurrent.futures.Future}
 */
export class Future<T = unknown> {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class here would make the build rename it (_Future)
    Object.defineProperty(this.prototype, CONCURRENT_FUTURE_BRAND, { value: true })
  }

  /** The brand that marks a concurrent Future, across package copies and realms. */
  declare readonly [CONCURRENT_FUTURE_BRAND]: true

  #state: FutureState = PENDING
  #result: T | undefined = undefined
  #exception: unknown = undefined
  #failed = false
  // Typed without T: a field whose type takes T contravariantly would make Future<number>
  // unassignable to Future<unknown> (the type `wait` and `asCompleted` take).
  #callbacks: CallbackList<DoneCallback<unknown>> | undefined = undefined
  #waiters: CompletionWaiter<Future<T>>[] | undefined = undefined
  #readers: Reader[] | undefined = undefined

  /**
   * Cancels the future if it is still PENDING; its done callbacks run before `cancel()`
   * returns. Work that is RUNNING or FINISHED cannot be cancelled.
   * @returns `false` if RUNNING or FINISHED; `true` if cancelled now or already cancelled.
   * @example
   * const f = new Future()
   * f.cancel() // true
   * f.cancelled() // true
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.cancel | Future.cancel}
   */
  cancel(): boolean {
    const state = this.#state
    if (state === RUNNING || state === FINISHED) return false
    // CPython: cancel() on CANCELLED(_AND_NOTIFIED) returns True and changes nothing.
    if (state !== PENDING) return true
    this.#state = CANCELLED
    // CPython: cancel() wakes readers but not wait()/as_completed() (only the notification does).
    this.#wakeReaders()
    this.#invokeCallbacks()
    return true
  }

  /** Whether the future was cancelled (CANCELLED or CANCELLED_AND_NOTIFIED). @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.cancelled | Future.cancelled} */
  cancelled(): boolean {
    return this.#state === CANCELLED || this.#state === CANCELLED_AND_NOTIFIED
  }

  /** Whether the work is running and can no longer be cancelled. @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.running | Future.running} */
  running(): boolean {
    return this.#state === RUNNING
  }

  /** Whether the future finished or was cancelled. @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.done | Future.done} */
  done(): boolean {
    const state = this.#state
    return state === FINISHED || state === CANCELLED || state === CANCELLED_AND_NOTIFIED
  }

  /**
   * Waits for the result: CPython's blocking `result(timeout)`, as a Promise.
   * @param timeout milliseconds to wait; `undefined` waits forever; `0` or less does not wait.
   * @returns a promise of the value; it rejects with the work's exception (the very object),
   *   with `CancelledError` if the future is cancelled, or with `TimeoutError` if `timeout`
   *   passes first (the future is left as it is).
   * @throws TypeError / RangeError at the call for a timeout that is not a number / is NaN.
   * A Promise cannot resolve to a thenable: a result that has a `then` (an aio Future, a
   * promise) is unwrapped. Box such values, or read them with {@link Future.resultNow}.
   * @example
   * const value = await future.result(1_000)
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.result | Future.result}
   */
  result(timeout?: number | undefined): Promise<T> {
    return this.#read(false, toTimeoutMs(timeout)) as Promise<T>
  }

  /**
   * Waits for the exception: CPython's blocking `exception(timeout)`, as a Promise.
   * @param timeout milliseconds to wait; `undefined` waits forever; `0` or less does not wait.
   * @returns a promise of the exception the work raised, `undefined` if it succeeded; it
   *   rejects with `CancelledError` or `TimeoutError` as {@link Future.result} does. An
   *   exception that has a `then` is unwrapped by the Promise; {@link Future.exceptionNow}
   *   returns it as is.
   * @example
   * const error = await future.exception()
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.exception | Future.exception}
   */
  exception(timeout?: number | undefined): Promise<unknown> {
    return this.#read(true, toTimeoutMs(timeout))
  }

  /**
   * The result of a done future, synchronously: what CPython's `result()` does on a done
   * future. For done callbacks and code that has already waited.
   * @throws the work's exception (the very object), `CancelledError` if cancelled, or
   *   `InvalidStateError` if the future is not done.
   * @example
   * future.addDoneCallback((f) => console.log(f.resultNow()))
   */
  resultNow(): T {
    const state = this.#state
    if (state === FINISHED) {
      if (this.#failed) throw this.#exception
      return this.#result as T
    }
    if (state === CANCELLED || state === CANCELLED_AND_NOTIFIED) throw new CancelledError()
    throw new InvalidStateError(`Result is not ready: ${this.toString()}`)
  }

  /**
   * The exception of a done future, synchronously (`undefined` if it succeeded).
   * @throws `CancelledError` if cancelled, `InvalidStateError` if not done.
   * @example
   * future.addDoneCallback((f) => { if (!f.cancelled()) report(f.exceptionNow()) })
   */
  exceptionNow(): unknown {
    const state = this.#state
    if (state === FINISHED) return this.#exception
    if (state === CANCELLED || state === CANCELLED_AND_NOTIFIED) throw new CancelledError()
    throw new InvalidStateError(`Exception is not ready: ${this.toString()}`)
  }

  /**
   * Calls `fn(future)` when the future finishes or is cancelled, synchronously and in the
   * order added; at once (before this returns) if it is already done. A callback that throws
   * is reported on the `'concurrent.futures'` logger and never rethrown.
   * @throws TypeError if `fn` is not a function.
   * @example
   * future.addDoneCallback((f) => console.log(f.cancelled() ? 'cancelled' : f.resultNow()))
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.add_done_callback | Future.add_done_callback}
   */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`addDoneCallback expects a function, got ${typeLabel(fn)}`)
    }
    const state = this.#state
    if (state === PENDING || state === RUNNING) {
      if (this.#callbacks === undefined) this.#callbacks = new CallbackList()
      this.#callbacks.add(fn as DoneCallback<unknown>)
      return
    }
    try {
      fn(this)
    } catch (error) {
      this.#reportCallbackError(error)
    }
  }

  /**
   * For executors: claims the future before running its work.
   * @returns `true` if it was PENDING (now RUNNING: run the work); `false` if it was cancelled
   *   (now CANCELLED_AND_NOTIFIED, and every `wait`/`asCompleted` on it is woken: skip the work).
   * @throws Error `'Future in unexpected state'` (CPython's RuntimeError) in any other state,
   *   after logging it as critical.
   * @example
   * if (future.setRunningOrNotifyCancel()) future.setResult(work())
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.set_running_or_notify_cancel | Future.set_running_or_notify_cancel}
   */
  setRunningOrNotifyCancel(): boolean {
    const state = this.#state
    if (state === CANCELLED) {
      this.#state = CANCELLED_AND_NOTIFIED
      this.#notifyWaiters()
      return false
    }
    if (state === PENDING) {
      this.#state = RUNNING
      return true
    }
    getLogger('concurrent.futures').critical(
      `Future ${this.toString()} in unexpected state: ${state}`,
    )
    throw new Error('Future in unexpected state')
  }

  /**
   * For executors: stores the result, wakes every waiter, then runs the done callbacks, all
   * before returning. A PENDING future may be completed directly.
   * @throws InvalidStateError if the future is already FINISHED or cancelled.
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.set_result | Future.set_result}
   */
  setResult(value: T): void {
    const state = this.#state
    if (state !== PENDING && state !== RUNNING) throw this.#invalidState()
    this.#result = value
    this.#state = FINISHED
    this.#complete()
  }

  /**
   * For executors: stores an exception, which may be any value, `undefined` included: the
   * future stays failed and `result()` rejects with exactly that value.
   * @throws InvalidStateError if the future is already FINISHED or cancelled.
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Future.set_exception | Future.set_exception}
   */
  setException(exception: unknown): void {
    const state = this.#state
    if (state !== PENDING && state !== RUNNING) throw this.#invalidState()
    this.#exception = exception
    this.#failed = true
    this.#state = FINISHED
    this.#complete()
  }

  /**
   * CPython's repr without the address: `<Future state=pending>`, `<Future state=finished
   * returned number>`, `<Future state=finished raised TypeError>`.
   */
  toString(): string {
    const name = (this.constructor as { name?: string }).name || 'Future'
    if (this.#state !== FINISHED) return `<${name} state=${stateLabel(this.#state)}>`
    return this.#failed
      ? `<${name} state=finished raised ${typeLabel(this.#exception)}>`
      : `<${name} state=finished returned ${typeLabel(this.#result)}>`
  }

  /** How Node's `util.inspect` (and so `console.log`) shows the future. */
  [inspectCustom](): string {
    return this.toString()
  }

  /** @internal */
  [kState](): FutureState {
    return this.#state
  }

  /** @internal */
  [kFailed](): boolean {
    return this.#failed
  }

  /** @internal */
  [kAddWaiter](waiter: CompletionWaiter<Future<T>>): void {
    if (this.#waiters === undefined) this.#waiters = [waiter]
    else this.#waiters.push(waiter)
  }

  /** @internal */
  [kRemoveWaiter](waiter: CompletionWaiter<Future<T>>): void {
    const waiters = this.#waiters
    if (waiters === undefined) return
    const i = waiters.indexOf(waiter)
    if (i !== -1) waiters.splice(i, 1)
    if (waiters.length === 0) this.#waiters = undefined
  }

  /** @internal */
  get [kWaiterCount](): number {
    return (this.#waiters?.length ?? 0) + (this.#readers?.length ?? 0)
  }

  #complete(): void {
    if (this.#waiters !== undefined) this.#notifyWaiters()
    if (this.#readers !== undefined) this.#wakeReaders()
    if (this.#callbacks !== undefined) this.#invokeCallbacks()
  }

  #notifyWaiters(): void {
    const waiters = this.#waiters
    if (waiters === undefined) return
    for (const waiter of waiters.slice()) waiter.onCompleted(this)
  }

  #wakeReaders(): void {
    const readers = this.#readers
    if (readers === undefined) return
    this.#readers = undefined
    for (const reader of readers) reader.wake()
  }

  #invokeCallbacks(): void {
    const callbacks = this.#callbacks
    if (callbacks === undefined) return
    this.#callbacks = undefined
    callbacks.callEach(this, (error) => this.#reportCallbackError(error))
  }

  #reportCallbackError(error: unknown): void {
    getLogger('concurrent.futures').error(
      `exception calling callback for ${this.toString()}`,
      error,
    )
  }

  #invalidState(): InvalidStateError {
    return new InvalidStateError(`${this.#state}: ${this.toString()}`)
  }

  /** Settles a read of a done future. */
  #outcome(wantException: boolean): Promise<unknown> {
    if (this.#state !== FINISHED) return Promise.reject(new CancelledError())
    if (wantException) return Promise.resolve(this.#exception)
    return this.#failed ? Promise.reject(this.#exception) : Promise.resolve(this.#result)
  }

  #read(wantException: boolean, timeoutMs: number | undefined): Promise<unknown> {
    const state = this.#state
    if (state !== PENDING && state !== RUNNING) return this.#outcome(wantException)
    if (timeoutMs === 0) return Promise.reject(new TimeoutError())
    return new Promise((resolve, reject) => {
      const clock = getClock()
      let timer: TimerId
      const reader: Reader = {
        wake: () => {
          if (timer !== undefined) clock.clearTimeout(timer)
          if (this.#state !== FINISHED) reject(new CancelledError())
          else if (wantException) resolve(this.#exception)
          else if (this.#failed) reject(this.#exception)
          else resolve(this.#result)
        },
      }
      if (this.#readers === undefined) this.#readers = [reader]
      else this.#readers.push(reader)
      if (timeoutMs !== undefined) {
        timer = clock.setTimeout(() => {
          const readers = this.#readers
          const i = readers === undefined ? -1 : readers.indexOf(reader)
          if (i === -1) return
          readers?.splice(i, 1)
          if (readers?.length === 0) this.#readers = undefined
          reject(new TimeoutError())
        }, timeoutMs)
      }
    })
  }
}
