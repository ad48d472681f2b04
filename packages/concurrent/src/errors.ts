/**
 * An executor can no longer run work: a worker died, or an initializer failed. Every pending
 * future of the pool fails with one (each with its own error object), and later `submit`s
 * throw one.
 *
 * CPython: `concurrent.futures.BrokenExecutor`.
 *
 * @example
 * try {
 *   await future.result()
 * } catch (error) {
 *   if (error instanceof BrokenExecutorError) restartThePool()
 * }
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.BrokenExecutor | concurrent.futures.BrokenExecutor}
 */
export class BrokenExecutorError extends Error {
  static {
    BrokenExecutorError.prototype.name = 'BrokenExecutorError'
  }
}

/**
 * A {@link ThreadPoolExecutor} is broken: a worker's initializer threw, or a worker thread
 * died (`process.exit`, an uncaught error outside a task, running out of memory).
 *
 * CPython: `concurrent.futures.thread.BrokenThreadPool`.
 * @example
 * const pool = new ThreadPoolExecutor({ initializer: () => { throw new Error('no config') } })
 * await pool.submit(() => 1).result() // rejects with BrokenThreadPoolError
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.thread.BrokenThreadPool | concurrent.futures.thread.BrokenThreadPool}
 */
export class BrokenThreadPoolError extends BrokenExecutorError {
  static {
    BrokenThreadPoolError.prototype.name = 'BrokenThreadPoolError'
  }
}

/**
 * A {@link ProcessPoolExecutor} is broken: a worker process died (a signal, `process.exit`,
 * out of memory) or its initializer threw.
 *
 * CPython: `concurrent.futures.process.BrokenProcessPool`.
 * @example
 * const pool = new ProcessPoolExecutor()
 * await pool.submit(() => process.exit(1)).result() // rejects with BrokenProcessPoolError
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.process.BrokenProcessPool | concurrent.futures.process.BrokenProcessPool}
 */
export class BrokenProcessPoolError extends BrokenExecutorError {
  static {
    BrokenProcessPoolError.prototype.name = 'BrokenProcessPoolError'
  }
}
