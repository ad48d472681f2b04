import { asyncDispose } from '@futures/core'
import type { Future } from './future.js'
import { type MapOptions, mapCalls, splitMapArguments } from './map.js'
import type { Callable } from './pool/callable.js'

/**
 * Options for {@link Executor.shutdown}.
 *
 * CPython: the `wait` and `cancel_futures` parameters of `Executor.shutdown`.
 * @example
 * await pool.shutdown({ wait: true, cancelFutures: true })
 */
export interface ShutdownOptions {
  /**
   * Resolve only once all pending work has finished and every worker has exited.
   * @defaultValue `true`
   */
  readonly wait?: boolean | undefined
  /**
   * Cancel the work that has not started (it ends cancelled and acknowledged, so a `wait` on
   * it returns). Running work still finishes. @defaultValue `false`
   */
  readonly cancelFutures?: boolean | undefined
}

/**
 * The value a task's future resolves with: the task's return value, awaited.
 * CPython: none (a Python task's result is never a coroutine to await).
 * @example
 * const f: Future<TaskResult<Promise<number>>> = pool.submit(async () => 42) // Future<number>
 */
export type TaskResult<R> = Awaited<R>

/**
 * The interface of every executor (CPython's `concurrent.futures.Executor`): `submit` is what a
 * subclass implements; `map` and `[Symbol.asyncDispose]` are written on top of it, and
 * `shutdown` does nothing unless overridden.
 *
 * @example
 * class InlineExecutor extends Executor {
 *   override submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<Awaited<R>> {
 *     const future = new Future<Awaited<R>>()
 *     if (future.setRunningOrNotifyCancel()) {
 *       Promise.resolve().then(() => fn(...args)).then((v) => future.setResult(v), (e) => future.setException(e))
 *     }
 *     return future
 *   }
 * }
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#executor-objects | concurrent.futures.Executor}
 */
export abstract class Executor {
  /**
   * Schedules `fn(...args)` and returns its future at once.
   * @throws Error always, on the base class: a subclass implements it (CPython's NotImplementedError).
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.submit | Executor.submit}
   */
  submit<A extends unknown[], R>(fn: Callable<A, R>, ...args: A): Future<TaskResult<R>>
  submit(_fn: unknown, ..._args: unknown[]): Future<unknown> {
    throw new Error(`${this.constructor.name}.submit() is not implemented`)
  }

  /**
   * Calls `fn` on the items of the iterables, zipped (stopping at the shortest), and yields the
   * results in input order, as they become available. Everything is submitted at the call
   * (unless `buffersize`). A failing call rejects at its position and ends the iteration;
   * leaving the loop early (`break`, `return()`, even before the first `next()`) cancels what
   * has not started.
   *
   * `fn` is a function as for {@link Executor.submit}; after it come the iterables, one per
   * parameter of `fn`, optionally followed by {@link MapOptions}.
   * @throws TypeError / RangeError at the call for bad options (`chunksize`, `buffersize`,
   *   `timeout`) or a non-iterable; whatever `submit` throws (after shutdown, broken pool).
   * @example
   * for await (const square of pool.map((x: number) => x * x, [1, 2, 3])) console.log(square)
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.map | Executor.map}
   */
  map<T1, R>(
    fn: Callable<[T1], R>,
    iterable1: Iterable<T1>,
    options?: MapOptions,
  ): AsyncIterableIterator<TaskResult<R>>
  map<T1, T2, R>(
    fn: Callable<[T1, T2], R>,
    iterable1: Iterable<T1>,
    iterable2: Iterable<T2>,
    options?: MapOptions,
  ): AsyncIterableIterator<TaskResult<R>>
  map<T1, T2, T3, R>(
    fn: Callable<[T1, T2, T3], R>,
    iterable1: Iterable<T1>,
    iterable2: Iterable<T2>,
    iterable3: Iterable<T3>,
    options?: MapOptions,
  ): AsyncIterableIterator<TaskResult<R>>
  map<R>(
    fn: Callable<never[], R>,
    ...iterablesAndOptions: (Iterable<unknown> | MapOptions)[]
  ): AsyncIterableIterator<TaskResult<R>>
  map(fn: unknown, ...rest: unknown[]): AsyncIterableIterator<unknown> {
    const [iterables, options] = splitMapArguments(rest)
    this.checkCallable(fn)
    return mapCalls(
      {
        submitCall: (args) => this.submit(fn as Callable<unknown[], unknown>, ...args),
        submitChunk: this.chunkSubmitter(fn),
        cancel: (future) => this.cancelFuture(future),
      },
      iterables,
      options,
    )
  }

  /**
   * Signals that no more work will be submitted. The base class does nothing (as CPython's).
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.shutdown | Executor.shutdown}
   */
  shutdown(_options?: ShutdownOptions): Promise<void> {
    return Promise.resolve()
  }

  /** `await using executor = …` calls `shutdown({ wait: true })` on leaving the block (Python's `with`). */
  [asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true })
  }

  /** Hook for `map`: throws at the call for a `fn` this executor cannot run. */
  protected checkCallable(_fn: unknown): void {}

  /** Hook for `map`: how to submit a chunk of calls as one task, if this executor chunks. */
  protected chunkSubmitter(
    _fn: unknown,
  ): ((argsList: unknown[][]) => Future<unknown[]>) | undefined {
    return undefined
  }

  /** Hook for `map`: cancels a future the iterator will not consume. */
  protected cancelFuture(future: Future<unknown>): void {
    future.cancel()
  }
}
