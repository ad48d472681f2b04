import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import { kTasks } from './internal.js'
import { sharedState } from './state.js'
import type { CoroutineLike, GeneratorCoroutine, Task, TaskOptions } from './task.js'

const STATE = sharedState()

/**
 * The task running now on `loop` (by default the running loop): the one whose step runs, or,
 * in an async-function task, the one whose code runs after an `await`. `undefined` in a plain
 * callback.
 *
 * CPython: `asyncio.current_task`.
 *
 * @throws Error('no running event loop') without a loop.
 * @example
 * createTask(async () => console.log(currentTask()?.getName()), { name: 'worker' })
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.current_task | asyncio.current_task}
 */
export function currentTask(loop?: EventLoop | undefined): Task<unknown> | undefined {
  const target = loop ?? getRunningLoop()
  const stepping = STATE.steppingTask as Task<unknown> | undefined
  if (stepping !== undefined) return stepping.getLoop() === target ? stepping : undefined
  const context = STATE.taskContext
  if (context === undefined) return undefined
  const task = context.getStore() as Task<unknown> | undefined
  if (task === undefined || task.done() || task.getLoop() !== target) return undefined
  return task
}

/**
 * The tasks of `loop` (by default the running loop) that are not done.
 *
 * CPython: `asyncio.all_tasks`.
 *
 * @example
 * for (const task of allTasks()) if (task !== currentTask()) task.cancel()
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.all_tasks | asyncio.all_tasks}
 */
export function allTasks(loop?: EventLoop | undefined): Set<Task<unknown>> {
  const target = loop ?? getRunningLoop()
  const tasks = new Set<Task<unknown>>()
  for (const ref of target[kTasks]) {
    const task = ref.deref()
    if (task !== undefined && !task.done()) tasks.add(task)
  }
  return tasks
}

/**
 * Schedules `coro` as a {@link Task} on the running loop.
 *
 * CPython: `asyncio.create_task`.
 *
 * @throws Error('no running event loop') without one; TypeError for a non-coroutine.
 * @example
 * const task = createTask(async () => fetchAll(), { name: 'fetch' })
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task | asyncio.create_task}
 */
export function createTask<T>(coro: () => GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
export function createTask<T>(coro: GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
export function createTask<T>(coro: () => PromiseLike<T> | T, options?: TaskOptions): Task<T>
export function createTask<T>(coro: PromiseLike<T>, options?: TaskOptions): Task<T>
export function createTask<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T>
export function createTask<T>(coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
  return getRunningLoop().createTask<T>(coro, options)
}
