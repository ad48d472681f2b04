import { type Future as AioFuture, type EventLoop, getRunningLoop } from '@futures/aio'
import { type Callable, Executor, type TaskResult, ThreadPoolExecutor } from '@futures/concurrent'
import { describeValue } from '@futures/core'
import { wrapFuture } from './wrap-future.js'

const AsyncFunction = (async () => {}).constructor
const GeneratorFunction = function* () {}.constructor
const AsyncGeneratorFunction = async function* () {}.constructor

/**
 * A loop closed without `shutdownDefaultExecutor()` (outside `run()`) shuts its default pool
 * down once collected. Its idle workers never keep Node alive meanwhile.
 */
const shutdownWhenCollected = new FinalizationRegistry<Executor>((executor) => {
  executor.shutdown({ wait: false }).catch(() => {})
})

/**
 * The loop's default executor (CPython's `loop._default_executor`): the one set with
 * `loop.setDefaultExecutor`, or a `ThreadPoolExecutor` made on first use.
 * @throws Error `'Executor shutdown has been called'` after `loop.shutdownDefaultExecutor()`.
 */
function defaultExecutor(loop: EventLoop): Executor {
  if (loop.isDefaultExecutorShutdown()) throw new Error('Executor shutdown has been called')
  const current = loop.getDefaultExecutor()
  if (current !== undefined) return current as unknown as Executor
  // CPython names the default pool's threads asyncio_<n>.
  const executor = new ThreadPoolExecutor({ name: 'asyncio' })
  loop.setDefaultExecutor(executor)
  shutdownWhenCollected.register(loop, executor)
  return executor
}

function isExecutor(x: unknown): x is Executor {
  return (
    x instanceof Executor ||
    (typeof x === 'object' && x !== null && typeof (x as Executor).submit === 'function')
  )
}

function checkNotCoroutine(where: string, fn: unknown): void {
  const ctor = typeof fn === 'function' ? fn.constructor : undefined
  if (ctor === AsyncFunction || ctor === GeneratorFunction || ctor === AsyncGeneratorFunction) {
    throw new TypeError(
      `coroutines cannot be used with ${where}(): run an async or generator function on the loop with createTask()`,
    )
  }
}

/**
 * Runs `fn(...args)` on `executor` and returns an aio Future of its result, bound to `loop`:
 * {@link wrapFuture} of `executor.submit(fn, ...args)`. With no executor (`undefined` or
 * `null`), the loop's default executor: the one given to `loop.setDefaultExecutor()`, else a
 * `ThreadPoolExecutor` made for `loop` on first use (its workers are named `asyncio_<n>`);
 * after `loop.shutdownDefaultExecutor()`, an Error. Cancelling the aio future cancels work still queued; running work is not
 * interrupted. As with every pool, `fn` is a `task()` reference or a self-contained function,
 * and nothing of the caller's context reaches it.
 *
 * CPython: `loop.run_in_executor`.
 *
 * @throws TypeError for an async function or a generator function (always, not only in debug
 *   mode as in CPython) and for an executor that has no `submit`; Error if `loop` is closed;
 *   whatever `submit` throws (`Error('cannot schedule new futures after shutdown')`, a broken
 *   pool's error, a function that cannot be sent to a worker).
 * @example
 * const digest = await runInExecutor(loop, pool, task(url, 'sha256'), buffer)
 * const sum = await runInExecutor(loop, undefined, (a: number, b: number) => a + b, 1, 2)
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_in_executor | loop.run_in_executor}
 */
export function runInExecutor<A extends unknown[], R>(
  loop: EventLoop,
  executor: Executor | undefined | null,
  fn: Callable<A, R>,
  ...args: A
): AioFuture<TaskResult<R>> {
  if (typeof loop !== 'object' || loop === null || typeof loop.isClosed !== 'function') {
    throw new TypeError(`runInExecutor() needs an aio EventLoop, got ${describeValue(loop)}`)
  }
  if (loop.isClosed()) throw new Error('Event loop is closed')
  checkNotCoroutine('runInExecutor', fn)
  let pool: Executor
  if (executor === undefined || executor === null) pool = defaultExecutor(loop)
  else if (isExecutor(executor)) pool = executor
  else {
    throw new TypeError(
      `runInExecutor() needs an Executor or undefined as its executor, got ${describeValue(executor)}`,
    )
  }
  return wrapFuture(pool.submit(fn, ...args), { loop })
}

/**
 * Runs `fn(...args)` on a worker thread of the running loop's default executor and returns an
 * aio Future of its result: CPython's `await asyncio.to_thread(fn, *args)`. Each call runs
 * `fn` once; calls run in parallel up to the pool's size. `fn` is a `task()` reference or a
 * self-contained function: worker threads share no memory, so closures and the caller's
 * context (CPython copies its `contextvars`) do not reach it; pass what it needs as `args`.
 *
 * CPython: `asyncio.to_thread`.
 *
 * @throws Error('no running event loop') outside a loop; as {@link runInExecutor} otherwise.
 * @example
 * const n = await toThread((a: number, b: number) => a + b, 1, 2) // 3, inside a task
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread | asyncio.to_thread}
 */
export function toThread<A extends unknown[], R>(
  fn: Callable<A, R>,
  ...args: A
): AioFuture<TaskResult<R>> {
  checkNotCoroutine('toThread', fn)
  return runInExecutor(getRunningLoop(), undefined, fn, ...args)
}
