import { availableParallelism } from 'node:os'
import type { ResourceLimits } from 'node:worker_threads'
import { BrokenThreadPoolError } from './errors.js'
import { PoolExecutor, type PoolExecutorOptions } from './pool/pool-executor.js'
import { threadRuntime } from './pool/thread-runtime.js'

/**
 * Options for {@link ThreadPoolExecutor}.
 *
 * CPython: the parameters of `ThreadPoolExecutor(...)`; `resourceLimits` is Node's own.
 * @example
 * new ThreadPoolExecutor({ maxWorkers: 2, name: 'crunch', resourceLimits: { maxOldGenerationSizeMb: 256 } })
 */
export interface ThreadPoolExecutorOptions extends PoolExecutorOptions {
  /** Memory limits for each worker thread; a worker that exceeds them breaks the pool. */
  readonly resourceLimits?: ResourceLimits | undefined
}

let pools = 0

/**
 * Runs tasks on `worker_threads`, in parallel (CPython's `ThreadPoolExecutor`). Threads share no
 * memory: a task is a `task()` reference or a self-contained function, and its arguments and
 * result cross by structured clone. Idle workers do not keep Node alive; pending work does.
 *
 * A task that throws fails its future (the error keeps its class name, message, stack and
 * properties). A worker that dies, or an initializer that throws, breaks the pool: every
 * pending future fails with {@link BrokenThreadPoolError}.
 *
 * @example
 * await using pool = new ThreadPoolExecutor({ maxWorkers: 4 })
 * const future = pool.submit((n: number) => n * 2, 21)
 * console.log(await future.result()) // 42
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#threadpoolexecutor | concurrent.futures.ThreadPoolExecutor}
 */
export class ThreadPoolExecutor extends PoolExecutor {
  /** @throws TypeError / RangeError for a bad `maxWorkers`, `initializer` or `initargs`. */
  constructor(options: ThreadPoolExecutorOptions = {}) {
    super(options, {
      runtime: threadRuntime(options.resourceLimits),
      broken: {
        ErrorClass: BrokenThreadPoolError,
        workerDied:
          'A worker thread of the thread pool terminated abruptly while the future was running or pending.',
        afterWorkerDied:
          'A worker thread terminated abruptly, the thread pool is not usable anymore',
        initializerFailed: 'A thread initializer failed, the thread pool is not usable anymore',
        afterInitializerFailed:
          'A thread initializer failed, the thread pool is not usable anymore',
      },
      defaultName: `ThreadPoolExecutor-${pools++}`,
      defaultMaxWorkers: availableParallelism(),
      maxTasksPerChild: undefined,
      chunks: false,
    })
  }
}
