import { describeValue, getClock, TimeoutError, toTimeoutMs } from '@futures/core'
import { Executor, type ShutdownOptions, type TaskResult } from '../executor.js'
import type { Future } from '../future.js'
import { unwrapTransfers } from '../transfer.js'
import { type Callable, toFnDef } from './callable.js'
import { checkNotExiting, watchInterpreterExit } from './interpreter-exit.js'
import { type FnDef, TASK_ABORTABLE, TASK_CHUNK, TASK_PLAIN } from './messages.js'
import { type AbortPlan, type BrokenWording, Pool } from './pool.js'
import type { WorkerRuntime } from './worker-runtime.js'

/**
 * Options both pool kinds take.
 *
 * CPython: the `max_workers`, `initializer`, `initargs` and `thread_name_prefix` parameters.
 * @example
 * const options: PoolExecutorOptions = { maxWorkers: 4, initializer: (level: number) => level, initargs: [1] }
 */
export interface PoolExecutorOptions {
  /**
   * How many workers at most; they start lazily, as work arrives, and are reused.
   * @defaultValue `os.availableParallelism()`
   */
  readonly maxWorkers?: number | undefined
  /**
   * Runs once in each worker before its first task (a function sent by source, or a `task()`
   * reference). If it throws, the pool is broken.
   */
  readonly initializer?: Callable<never[], unknown> | undefined
  /** Arguments for `initializer`. @defaultValue `[]` */
  readonly initargs?: readonly unknown[] | undefined
  /** Prefix of worker names (`<name>_0`, `<name>_1`, …). */
  readonly name?: string | undefined
}

/**
 * Options for {@link ThreadPoolExecutor.submitWith} and {@link ProcessPoolExecutor.submitWith}.
 *
 * CPython: none (beyond CPython: running work can be stopped).
 * @example
 * const controller = new AbortController()
 * const future = pool.submitWith({ signal: controller.signal, killAfter: 500 }, task(url, 'crunch'))
 * controller.abort() // the future fails with the abort reason
 */
export interface SubmitOptions {
  /** Aborting it stops the task (see `submitWith`). */
  readonly signal?: AbortSignal | undefined
  /** Milliseconds from the call after which the task is stopped; `undefined`: no limit. */
  readonly timeout?: number | undefined
  /**
   * Milliseconds a running task gets, after its signal aborts, to stop by itself before its
   * worker is terminated. @defaultValue `1000`
   */
  readonly killAfter?: number | undefined
}

const DEFAULT_KILL_AFTER_MS = 1_000

/** @internal what a pool kind supplies. */
export interface PoolKind {
  readonly runtime: WorkerRuntime
  readonly broken: BrokenWording
  readonly defaultName: string
  readonly defaultMaxWorkers: number
  readonly maxTasksPerChild: number | undefined
  readonly chunks: boolean
}

function readMaxWorkers(value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`maxWorkers must be a positive integer, got ${describeValue(value)}`)
  }
  if (value <= 0) throw new RangeError(`maxWorkers must be greater than 0, got ${value}`)
  return value
}

/**
 * What ThreadPoolExecutor and ProcessPoolExecutor share: option checks, `submit`, `map`
 * chunking, `shutdown`, on top of the {@link Pool} machinery.
 * @internal
 */
export abstract class PoolExecutor extends Executor {
  readonly #pool: Pool
  readonly #chunks: boolean

  constructor(options: PoolExecutorOptions, kind: PoolKind) {
    super()
    const maxWorkers = readMaxWorkers(options.maxWorkers, kind.defaultMaxWorkers)
    let initializer: FnDef | undefined
    if (options.initializer !== undefined) {
      try {
        initializer = toFnDef(options.initializer, 'initializer')
      } catch (error) {
        throw new TypeError(`initializer must be a callable: ${(error as Error).message}`)
      }
    }
    const initargs = options.initargs ?? []
    if (!Array.isArray(initargs)) {
      throw new TypeError(`initargs must be an array, got ${describeValue(initargs)}`)
    }
    try {
      structuredClone(initargs)
    } catch (error) {
      throw new TypeError(
        `initargs must be values a worker can receive (structured clone): ${(error as Error).message}`,
        { cause: error },
      )
    }
    watchInterpreterExit()
    this.#chunks = kind.chunks
    this.#pool = new Pool({
      maxWorkers,
      initializer,
      initargs,
      maxTasksPerChild: kind.maxTasksPerChild,
      namePrefix: options.name ?? kind.defaultName,
      runtime: kind.runtime,
      broken: kind.broken,
    })
  }

  /**
   * Schedules `fn(...args)` on a worker and returns its future at once. `fn` is a `task()`
   * reference or a self-contained function (sent by its source text: no closures, no imports).
   * Arguments and the result cross by structured clone. An `async` function's promise is
   * awaited in the worker.
   *
   * @throws TypeError for something that cannot be run (not a function or `task()`, a bound or
   *   native function, a class); `Error('cannot schedule new futures after shutdown')`; the
   *   pool's broken error once it is broken.
   * @example
   * const future = pool.submit((a: number, b: number) => a + b, 1, 2)
   * console.log(await future.result()) // 3
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.submit | Executor.submit}
   */
  override submit<A extends unknown[], R>(fn: Callable<A, R>, ...args: A): Future<TaskResult<R>>
  override submit(fn: unknown, ...args: unknown[]): Future<unknown> {
    this.#pool.checkOpen()
    checkNotExiting()
    const def = toFnDef(fn)
    return this.#pool.submit(def, args, TASK_PLAIN, undefined, unwrapTransfers(args))
  }

  /**
   * `submit`, with a way to stop the task (beyond CPython, whose running work cannot be
   * stopped): when `signal` aborts or `timeout` ms pass, the future fails at once with the abort
   * reason (a `TimeoutError` for the timeout). A task still queued never runs; a running one
   * sees `currentSignal()` (from `@futures/concurrent/worker`) abort so it can stop itself, and if
   * it is still running `killAfter` ms later its worker is terminated and replaced. The pool is
   * not broken. Such a task runs alone on its worker. `cancel()` keeps CPython's rule (only
   * pending work).
   *
   * @throws as `submit`; TypeError for a `signal` that is not an AbortSignal,
   *   TypeError/RangeError for a bad `timeout` or `killAfter`.
   * @example
   * const future = pool.submitWith({ timeout: 5_000 }, task(url, 'crunch'), data)
   * await future.result() // rejects with TimeoutError after 5 s if still running
   */
  submitWith<A extends unknown[], R>(
    options: SubmitOptions,
    fn: Callable<A, R>,
    ...args: A
  ): Future<TaskResult<R>>
  submitWith(options: SubmitOptions, fn: unknown, ...args: unknown[]): Future<unknown> {
    this.#pool.checkOpen()
    checkNotExiting()
    const def = toFnDef(fn, 'submitWith()')
    const signal = options.signal
    if (
      signal !== undefined &&
      (typeof signal !== 'object' ||
        signal === null ||
        typeof signal.addEventListener !== 'function')
    ) {
      throw new TypeError(`signal must be an AbortSignal, got ${describeValue(signal)}`)
    }
    const timeoutMs = toTimeoutMs(options.timeout)
    const killAfterMs = toTimeoutMs(options.killAfter, 'killAfter') ?? DEFAULT_KILL_AFTER_MS
    const plan: AbortPlan = { killAfterMs }
    const pool = this.#pool
    const future = pool.submit(def, args, TASK_ABORTABLE, plan, unwrapTransfers(args))
    if (signal?.aborted === true) {
      pool.abortTask(future, plan, signal.reason)
      return future
    }
    const clock = getClock()
    const onAbort = () => pool.abortTask(future, plan, signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    const timer =
      timeoutMs === undefined
        ? undefined
        : clock.setTimeout(
            () =>
              pool.abortTask(
                future,
                plan,
                new TimeoutError(`task timed out after ${timeoutMs} ms`),
              ),
            timeoutMs,
          )
    future.addDoneCallback(() => {
      signal?.removeEventListener('abort', onAbort)
      if (timer !== undefined) clock.clearTimeout(timer)
    })
    return future
  }

  /**
   * Stops taking work. Pending work still runs unless `cancelFutures`; with `wait` (the
   * default) the promise resolves once all of it is done and every worker has exited.
   * Calling it again is harmless.
   * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.shutdown | Executor.shutdown}
   */
  override shutdown(options: ShutdownOptions = {}): Promise<void> {
    return this.#pool.shutdown(options.wait ?? true, options.cancelFutures ?? false)
  }

  protected override checkCallable(fn: unknown): void {
    this.#pool.checkOpen()
    toFnDef(fn, 'map()')
  }

  protected override chunkSubmitter(
    fn: unknown,
  ): ((argsList: unknown[][]) => Future<unknown[]>) | undefined {
    if (!this.#chunks) return undefined
    const def = toFnDef(fn, 'map()')
    return (argsList) => this.#pool.submit<unknown[]>(def, argsList, TASK_CHUNK)
  }

  protected override cancelFuture(future: Future<unknown>): void {
    this.#pool.cancelAndNotify(future)
  }
}
