import { CompletionQueue, getClock, TimeoutError, type TimerId, toTimeoutMs } from '@futures/core'
import type { Future } from './future.js'
import { concurrentWaitProtocol, toFutureSet } from './future-set.js'

/**
 * Options for {@link asCompleted}.
 *
 * CPython: the `timeout` parameter of `concurrent.futures.as_completed`.
 * @example
 * for await (const f of asCompleted(futures, { timeout: 5_000 })) use(f.resultNow())
 */
export interface AsCompletedOptions {
  /**
   * Milliseconds, counted from the first `next()` (as in CPython, where nothing runs before
   * the generator is first advanced); `undefined` waits forever.
   * @example 5_000
   */
  readonly timeout?: number | undefined
}

type Request<F> = {
  resolve: (result: IteratorResult<F, undefined>) => void
  reject: (error: unknown) => void
}

const NOT_YET = Symbol('not yet')

/**
 * The iterator {@link asCompleted} returns. Hand-written rather than an `async function*`,
 * which would unwrap thenables it yields.
 */
class AsCompletedIterator<F extends Future<unknown>> implements AsyncIterableIterator<F> {
  #source: Iterable<F> | undefined
  #timeout: unknown
  #queue: CompletionQueue<F> | undefined = undefined
  #deadline: number | undefined = undefined
  #finished = false
  #requests: Request<F>[] = []
  #timer: TimerId = undefined

  constructor(fs: Iterable<F>, timeout: unknown) {
    this.#source = fs
    this.#timeout = timeout
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<F, undefined>> {
    if (this.#finished) return Promise.resolve({ done: true, value: undefined })
    if (this.#queue === undefined) {
      try {
        this.#begin()
      } catch (error) {
        this.#finish()
        return Promise.reject(error)
      }
    }
    if (this.#requests.length === 0) {
      try {
        const result = this.#pull()
        if (result !== NOT_YET) {
          if (result.done === true) this.#finish()
          return Promise.resolve(result)
        }
      } catch (error) {
        this.#finish()
        return Promise.reject(error)
      }
    }
    return new Promise((resolve, reject) => {
      this.#requests.push({ resolve, reject })
      this.#arm()
    })
  }

  return(): Promise<IteratorResult<F, undefined>> {
    this.#finish()
    return Promise.resolve({ done: true, value: undefined })
  }

  /** The first `next()`: read the input, start the clock, take the snapshot. */
  #begin(): void {
    const timeoutMs = toTimeoutMs(this.#timeout)
    const futures = toFutureSet(this.#source as Iterable<F>, 'asCompleted')
    this.#source = undefined
    if (timeoutMs !== undefined) this.#deadline = getClock().now() + timeoutMs
    const queue = new CompletionQueue(
      concurrentWaitProtocol as never,
      futures,
    ) as CompletionQueue<F>
    queue.onArrival = () => this.#serve()
    this.#queue = queue
  }

  /**
   * One step of CPython's `as_completed` loop, without waiting. The caller finishes the
   * iterator when this returns `done` or throws.
   */
  #pull(): IteratorResult<F, undefined> | typeof NOT_YET {
    const queue = this.#queue as CompletionQueue<F>
    let f = queue.next()
    if (f !== undefined) return { done: false, value: f }
    if (queue.unfinished === 0) return { done: true, value: undefined }
    if (this.#deadline !== undefined && this.#deadline - getClock().now() <= 0) {
      throw new TimeoutError(`${queue.unfinished} (of ${queue.total}) futures unfinished`)
    }
    if (!queue.refill()) return NOT_YET
    f = queue.next() as F
    return { done: false, value: f }
  }

  /** Answers waiting `next()` calls, in order, as far as possible. */
  #serve(): void {
    while (this.#requests.length > 0) {
      let result: IteratorResult<F, undefined> | typeof NOT_YET
      try {
        result = this.#pull()
      } catch (error) {
        const request = this.#requests.shift() as Request<F>
        this.#finish()
        request.reject(error)
        return
      }
      if (result === NOT_YET) {
        this.#arm()
        return
      }
      ;(this.#requests.shift() as Request<F>).resolve(result)
      if (result.done === true) {
        this.#finish()
        return
      }
    }
    this.#disarm()
  }

  /** Starts the deadline timer, if there is a deadline and no timer yet. */
  #arm(): void {
    if (this.#deadline === undefined || this.#timer !== undefined) return
    const clock = getClock()
    this.#timer = clock.setTimeout(
      () => {
        this.#timer = undefined
        this.#serve()
      },
      Math.max(0, this.#deadline - clock.now()),
    )
  }

  #disarm(): void {
    if (this.#timer === undefined) return
    getClock().clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #finish(): void {
    if (this.#finished) return
    this.#finished = true
    this.#source = undefined
    this.#queue?.close()
    this.#disarm()
    for (const request of this.#requests.splice(0)) {
      request.resolve({ done: true, value: undefined })
    }
  }
}

/**
 * Yields the futures as they complete (CPython's `concurrent.futures.as_completed`): first
 * those already done when iteration starts, then each one as it finishes or is cancelled and
 * notified, in completion order. Duplicates are yielded once.
 *
 * Lazy, like CPython's generator: nothing is read, checked or registered until the first
 * `next()`, and the timeout counts from there. When the deadline passes, `next()` rejects with
 * `TimeoutError('N (of M) futures unfinished')`. Leaving the loop early (`break`, `return()`)
 * withdraws its waiters and leaves the futures untouched.
 *
 * @returns an async iterator of the futures themselves (not their results).
 * @throws (from the first `next()`) TypeError if `fs` is not an iterable of concurrent Futures.
 * @example
 * for await (const future of asCompleted(futures, { timeout: 5_000 })) {
 *   console.log(future.resultNow())
 * }
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.as_completed | concurrent.futures.as_completed}
 */
export function asCompleted<F extends Future<unknown>>(
  fs: Iterable<F>,
  options: AsCompletedOptions = {},
): AsyncIterableIterator<F> {
  return new AsCompletedIterator(fs, options.timeout)
}
