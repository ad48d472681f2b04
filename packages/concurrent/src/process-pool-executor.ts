import { availableParallelism } from 'node:os'
import { describeValue } from '@futures/core'
import { BrokenProcessPoolError } from './errors.js'
import { PoolExecutor, type PoolExecutorOptions } from './pool/pool-executor.js'
import { processRuntime } from './pool/process-runtime.js'

/**
 * Options for {@link ProcessPoolExecutor}.
 *
 * CPython: the parameters of `ProcessPoolExecutor(...)` (`max_tasks_per_child`); `execArgv` is
 * Node's own, there is no `mp_context`.
 * @example
 * new ProcessPoolExecutor({ maxWorkers: 2, maxTasksPerChild: 100, execArgv: ['--max-old-space-size=512'] })
 */
export interface ProcessPoolExecutorOptions extends PoolExecutorOptions {
  /**
   * A worker process exits after this many tasks and a fresh one replaces it (for leaky native
   * code). Must be an integer `>= 1`. @defaultValue no limit
   */
  readonly maxTasksPerChild?: number | undefined
  /** Node flags for the worker processes. @defaultValue `[]` */
  readonly execArgv?: readonly string[] | undefined
}

let pools = 0

function readMaxTasksPerChild(value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`maxTasksPerChild must be an integer, got ${describeValue(value)}`)
  }
  if (value < 1) throw new RangeError(`maxTasksPerChild must be >= 1, got ${value}`)
  return value
}

/**
 * Runs tasks in child processes (`child_process.fork`), CPython's `ProcessPoolExecutor`: for
 * isolation of crashes, memory and native code. Values cross with V8 serialization (`BigInt`,
 * `Map`, typed arrays survive); the children write to the parent's stdout and stderr.
 *
 * A worker process that dies (a signal, `process.exit`, out of memory) or an initializer that
 * throws breaks the pool: every pending future fails with {@link BrokenProcessPoolError}.
 *
 * @example
 * await using pool = new ProcessPoolExecutor({ maxWorkers: 2, maxTasksPerChild: 100 })
 * for await (const n of pool.map((x: number) => x * x, range, { chunksize: 100 })) total += n
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#processpoolexecutor | concurrent.futures.ProcessPoolExecutor}
 */
export class ProcessPoolExecutor extends PoolExecutor {
  /** @throws TypeError / RangeError for a bad `maxWorkers`, `maxTasksPerChild`, `initializer`, `initargs`. */
  constructor(options: ProcessPoolExecutorOptions = {}) {
    const maxTasksPerChild = readMaxTasksPerChild(options.maxTasksPerChild)
    super(options, {
      runtime: processRuntime(options.execArgv),
      broken: {
        ErrorClass: BrokenProcessPoolError,
        workerDied:
          'A process in the process pool was terminated abruptly while the future was running or pending.',
        afterWorkerDied:
          'A child process terminated abruptly, the process pool is not usable anymore',
        initializerFailed:
          'A process in the process pool was terminated abruptly while the future was running or pending.',
        afterInitializerFailed:
          'A child process terminated abruptly, the process pool is not usable anymore',
      },
      defaultName: `ProcessPoolExecutor-${pools++}`,
      defaultMaxWorkers: availableParallelism(),
      maxTasksPerChild,
      chunks: true,
    })
  }
}
