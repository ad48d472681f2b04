import { AIO_FUTURE_BRAND, CancelledError, describeValue, hasBrand } from '@futures/core'
import { allTasks } from './current-task.js'
import { type EventLoop, newEventLoop } from './event-loop.js'
import { setEventLoop } from './events.js'
import { whenHostIdle } from './host-node.js'
import { whenDone } from './schedule.js'
import { sharedState } from './state.js'
import type { AsyncCoroutine, GeneratorCoroutine } from './task.js'

const STATE = sharedState()

/**
 * Options for {@link run}.
 *
 * CPython: the `debug` parameter of `asyncio.run`.
 *
 * @example
 * await run(main, { debug: true })
 */
export interface RunOptions {
  /** Run the loop in debug mode. @defaultValue `false` */
  readonly debug?: boolean | undefined
}

/**
 * Runs `main` on a new event loop and settles with its outcome: asyncio.run. When `main` is
 * done, the tasks it left behind are cancelled and awaited (their `finally` blocks run), then
 * the loop is closed and the current loop cleared.
 *
 * CPython: `asyncio.run`.
 *
 * @param main an async function or a generator coroutine (function or generator object).
 * @throws Error synchronously if a loop is already running; TypeError if `main` is not a
 *   coroutine.
 * @example
 * const answer = await run(async () => {
 *   await sleep(10)
 *   return 42
 * })
 * @see {@link https://docs.python.org/3/library/asyncio-runner.html#asyncio.run | asyncio.run}
 */
export function run<T>(main: () => GeneratorCoroutine<T>, options?: RunOptions): Promise<T>
export function run<T>(main: GeneratorCoroutine<T>, options?: RunOptions): Promise<T>
export function run<T>(main: AsyncCoroutine<T>, options?: RunOptions): Promise<T>
export function run<T>(
  main: AsyncCoroutine<T> | GeneratorCoroutine<T> | (() => GeneratorCoroutine<T>),
  options: RunOptions = {},
): Promise<T> {
  if (STATE.runningLoop !== undefined) {
    throw new Error('run() cannot be called from a running event loop')
  }
  const isGenerator =
    typeof main === 'object' &&
    main !== null &&
    typeof (main as { next?: unknown }).next === 'function' &&
    typeof (main as { throw?: unknown }).throw === 'function'
  if ((typeof main !== 'function' && !isGenerator) || hasBrand(main, AIO_FUTURE_BRAND)) {
    throw new TypeError(`a coroutine was expected, got ${describeValue(main)}`)
  }
  const loop = newEventLoop()
  return (async () => {
    try {
      setEventLoop(loop)
      if (options.debug !== undefined) loop.setDebug(options.debug)
      const task = loop.createTask<T>(main)
      return await loop.runUntilComplete(task)
    } finally {
      try {
        await cancelAllTasks(loop)
        // CPython: run() shuts the default executor down before closing (AL-29).
        await loop.runUntilComplete(loop.shutdownDefaultExecutor())
      } finally {
        setEventLoop(null)
        loop.close()
      }
    }
  })()
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const tasks = allTasks(loop)
  if (tasks.size === 0) return
  for (const task of tasks) task.cancel()
  const all = loop.createFuture<void>()
  let remaining = tasks.size
  for (const task of tasks) {
    whenDone(task, () => {
      if (--remaining === 0 && !all.done()) all.setResult()
    })
  }
  // A task that goes on waiting after its cancel (an async function at a foreign promise
  // that ignores `task.signal`, or a task that swallowed CancelledError and waits for a
  // future nobody completes) would keep run() from ever settling; once the host has nothing
  // left to do, nothing can wake it: give up on it, report it, and close.
  const stopWatching = whenHostIdle(() => {
    if (!all.done()) loop.callSoonThreadsafe(() => all.done() || all.setResult())
  })
  try {
    await loop.runUntilComplete(all)
  } finally {
    stopWatching()
  }
  for (const task of tasks) {
    if (!task.done()) {
      loop.callExceptionHandler({
        message:
          'Task was cancelled by run() but never finished: nothing was left that could wake it (a foreign promise that ignores task.signal?)',
        task,
      })
      continue
    }
    if (task.cancelled()) continue
    try {
      task.result()
    } catch (exception) {
      if (exception instanceof CancelledError) continue
      loop.callExceptionHandler({
        message: 'unhandled exception during asyncio.run() shutdown',
        exception,
        task,
      })
    }
  }
}
