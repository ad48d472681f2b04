import { getClock, toTimeoutMs } from '@futures/core'
import type { Future } from './future.js'

/**
 * Options for `Executor.map`.
 *
 * CPython: the `timeout`, `chunksize` and `buffersize` (3.14) parameters of `Executor.map`.
 * @example
 * for await (const y of pool.map((x: number) => x + 1, xs, { timeout: 10_000, chunksize: 64 })) use(y)
 */
export interface MapOptions {
  /**
   * Milliseconds for the whole map, counted from the `map()` call (not from each `next()`);
   * when the next result is not ready by then, `next()` rejects with `TimeoutError` and what
   * is still pending is cancelled. `undefined` waits forever.
   */
  readonly timeout?: number | undefined
  /**
   * Items per task for the process pool (each chunk is one task, and one failing item fails its
   * whole chunk); the thread pool accepts and ignores it, as CPython's does, since it batches
   * messages by itself. Must be an integer `>= 1`. @defaultValue `1`
   */
  readonly chunksize?: number | undefined
  /**
   * Python 3.14's `buffersize`: submit only this many calls (chunks) ahead, one more per result
   * taken, so an endless iterable can be mapped. `undefined` submits everything at the call.
   */
  readonly buffersize?: number | undefined
}

/** What `map` needs from an executor. */
export interface MapTarget {
  /** Submits one call. */
  submitCall(args: unknown[]): Future<unknown>
  /** Submits a chunk of calls as one task resolving to their results, if the executor chunks. */
  submitChunk: ((argsList: unknown[][]) => Future<unknown[]>) | undefined
  /** Cancels a future the iterator will not consume. */
  cancel(future: Future<unknown>): void
}

function checkPositiveInteger(value: unknown, name: string, undefinedAllowed: boolean): void {
  if (value === undefined && undefinedAllowed) return
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(
      `${name} must be an integer${undefinedAllowed ? ' or undefined' : ''}, got ${String(value)}`,
    )
  }
  if (value < 1) {
    throw new RangeError(
      undefinedAllowed
        ? `${name} must be undefined or > 0, got ${value}`
        : `${name} must be >= 1, got ${value}`,
    )
  }
}

/** Zips iterables lazily, stopping at the shortest (Python's `zip`). */
function* zip(iterables: readonly Iterable<unknown>[]): Generator<unknown[], void, undefined> {
  // Python's zip() of nothing is empty (not an endless run of empty rows).
  if (iterables.length === 0) return
  const iterators = iterables.map((it) => it[Symbol.iterator]())
  try {
    for (;;) {
      const row: unknown[] = []
      for (const it of iterators) {
        const step = it.next()
        if (step.done === true) return
        row.push(step.value)
      }
      yield row
    }
  } finally {
    for (const it of iterators) it.return?.()
  }
}

type Slot = { readonly future: Future<unknown>; readonly chunk: boolean }

/**
 * The iterator `map` returns: results in input order, one `next()` at a time (calls queue up
 * behind each other). Hand-written, not an `async function*`, so the submissions happen inside
 * the `map()` call, as in CPython.
 */
class MapIterator<R> implements AsyncIterableIterator<R> {
  readonly #target: MapTarget
  readonly #slots: Slot[] = []
  #rows: Iterator<unknown[]> | undefined
  readonly #chunksize: number
  readonly #deadline: number | undefined
  #pending: unknown[] = []
  #pendingIndex = 0
  #finished = false
  #tail: Promise<unknown> = Promise.resolve()
  /** How many steps are queued or running (later calls queue behind them). */
  #stepping = 0

  constructor(
    target: MapTarget,
    iterables: readonly Iterable<unknown>[],
    timeoutMs: number | undefined,
    chunksize: number,
    buffersize: number | undefined,
  ) {
    this.#target = target
    this.#chunksize = target.submitChunk === undefined ? 1 : chunksize
    this.#deadline = timeoutMs === undefined ? undefined : getClock().now() + timeoutMs
    const rows = zip(iterables)
    if (buffersize === undefined) {
      while (this.#submitNext(rows)) {}
      this.#rows = undefined
    } else {
      this.#rows = rows
      for (let i = 0; i < buffersize && this.#submitNext(rows); i++) {}
    }
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  /** Submits the next call (or chunk) from `rows`. @returns false once they are used up. */
  #submitNext(rows: Iterator<unknown[]>): boolean {
    if (this.#chunksize === 1) {
      const step = rows.next()
      if (step.done === true) return false
      this.#slots.push({ future: this.#target.submitCall(step.value), chunk: false })
      return true
    }
    const chunk: unknown[][] = []
    while (chunk.length < this.#chunksize) {
      const step = rows.next()
      if (step.done === true) break
      chunk.push(step.value)
    }
    if (chunk.length === 0) return false
    this.#slots.push({
      future: (this.#target.submitChunk as NonNullable<MapTarget['submitChunk']>)(chunk),
      chunk: true,
    })
    return true
  }

  next(): Promise<IteratorResult<R, undefined>> {
    // Fast path: the next value is already here (a chunk's results) and no step is running.
    if (this.#stepping === 0 && this.#pendingIndex < this.#pending.length) {
      return Promise.resolve({ done: false, value: this.#pending[this.#pendingIndex++] as R })
    }
    this.#stepping++
    const step = this.#tail.then(() => this.#step())
    const settled = () => {
      this.#stepping--
    }
    this.#tail = step.then(settled, settled)
    return step
  }

  async #step(): Promise<IteratorResult<R, undefined>> {
    if (this.#pendingIndex < this.#pending.length) {
      return { done: false, value: this.#pending[this.#pendingIndex++] as R }
    }
    if (this.#finished) return { done: true, value: undefined }
    try {
      if (this.#rows !== undefined && !this.#submitNext(this.#rows)) this.#rows = undefined
    } catch (error) {
      // The input threw, or the executor refused the call: end here, cancelling the rest.
      this.#finish()
      throw error
    }
    const slot = this.#slots.shift()
    if (slot === undefined) {
      this.#finish()
      return { done: true, value: undefined }
    }
    let value: unknown
    try {
      const remaining =
        this.#deadline === undefined ? undefined : Math.max(0, this.#deadline - getClock().now())
      value = await slot.future.result(remaining)
    } catch (error) {
      // CPython's _result_or_cancel: the awaited future is cancelled too (on a timeout).
      this.#target.cancel(slot.future)
      this.#finish()
      throw error
    }
    if (!slot.chunk) return { done: false, value: value as R }
    this.#pending = value as unknown[]
    this.#pendingIndex = 0
    return this.#step()
  }

  return(): Promise<IteratorResult<R, undefined>> {
    this.#finish()
    return Promise.resolve({ done: true, value: undefined })
  }

  /** Ends the iteration: every future not consumed is cancelled. */
  #finish(): void {
    if (this.#finished) return
    this.#finished = true
    this.#pending = []
    this.#pendingIndex = 0
    for (const slot of this.#slots.splice(0)) this.#target.cancel(slot.future)
    this.#rows = undefined
  }
}

/**
 * `Executor.map` for any executor: reads the arguments, validates the options, and submits
 * (all at the call, or `buffersize` ahead).
 * @internal
 */
export function mapCalls<R>(
  target: MapTarget,
  iterables: readonly Iterable<unknown>[],
  options: MapOptions,
): AsyncIterableIterator<R> {
  const timeoutMs = toTimeoutMs(options.timeout)
  const chunksize = options.chunksize === undefined ? 1 : options.chunksize
  checkPositiveInteger(chunksize, 'chunksize', false)
  checkPositiveInteger(options.buffersize, 'buffersize', true)
  for (const [i, it] of iterables.entries()) {
    if (
      it === null ||
      typeof (it as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
    ) {
      throw new TypeError(`map() argument ${i + 2} must be iterable, got ${String(it)}`)
    }
  }
  return new MapIterator<R>(target, iterables, timeoutMs, chunksize, options.buffersize)
}

/** Splits `map`'s rest arguments into the iterables and the trailing options object, if any. */
export function splitMapArguments(
  rest: readonly unknown[],
): [iterables: Iterable<unknown>[], options: MapOptions] {
  const last = rest[rest.length - 1]
  if (
    rest.length > 0 &&
    typeof last === 'object' &&
    last !== null &&
    typeof (last as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    return [rest.slice(0, -1) as Iterable<unknown>[], last as MapOptions]
  }
  return [rest as Iterable<unknown>[], {}]
}
