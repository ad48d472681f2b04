import { asyncDispose, CancelledError } from '@futures/core'
import { currentTask } from './current-task.js'
import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import type { Future } from './future.js'
import { whenDone } from './schedule.js'
import type { CoroutineLike, GeneratorCoroutine, Task, TaskOptions } from './task.js'

/**
 * What a {@link TaskGroup} throws when children (or its body) failed: an `AggregateError`
 * holding every error in the order they happened (CPython's `ExceptionGroup('unhandled errors
 * in a TaskGroup', errors)`).
 * @example
 * try {
 *   await withTaskGroup(async (tg) => { tg.createTask(job) })
 * } catch (error) {
 *   if (error instanceof TaskGroupError) for (const e of error.errors) console.error(e)
 * }
 * @see {@link https://docs.python.org/3/library/exceptions.html#ExceptionGroup | ExceptionGroup}
 */
export class TaskGroupError extends AggregateError {
  static {
    TaskGroupError.prototype.name = 'TaskGroupError'
  }

  /** @param errors the child (and body) errors, in order. */
  constructor(errors: readonly unknown[]) {
    super(errors, 'unhandled errors in a TaskGroup')
  }
}

/** How the body of a group ended: `undefined` when unknown (`await using`). */
type BodyEnd = { readonly failed: boolean; readonly error?: unknown } | undefined

/** Drives a generator coroutine that yields aio futures from an async function. */
async function drive<T>(gen: GeneratorCoroutine<T>): Promise<T> {
  let step = gen.next()
  while (step.done !== true) {
    try {
      await (step.value as Future<unknown>)
      step = gen.next()
    } catch (error) {
      step = gen.throw(error)
    }
  }
  return step.value
}

/**
 * Structured concurrency (CPython's `asyncio.TaskGroup`): tasks created with
 * {@link TaskGroup.createTask} are all awaited when the group exits, children added while it
 * waits included.
 *
 * - When a child fails, every other child is cancelled, and so is the body (the parent task,
 *   at its current await). Once all are done the group throws a {@link TaskGroupError} with
 *   the errors in the order they happened; the parent's `cancelling()` is back where it was.
 * - If the body throws, the children are cancelled and awaited, and the body's error is the
 *   last one in the group. Cancelled children are not errors.
 * - If the parent is cancelled from outside, the children are cancelled and awaited and the
 *   `CancelledError` goes on, not a group (unless a child failed).
 *
 * Use {@link withTaskGroup} (which sees how the body ended), or `await using tg = new
 * TaskGroup().enter()`: there JavaScript hands the disposer no in-flight error, so a body
 * that throws does not cancel the children (they are still awaited), and a group error while
 * another is in flight arrives as a `SuppressedError`.
 * @example
 * await withTaskGroup(async (tg) => {
 *   tg.createTask(async () => fetchA())
 *   tg.createTask(async () => fetchB())
 * }) // both done here
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup | asyncio.TaskGroup}
 */
export class TaskGroup {
  #entered = false
  #exiting = false
  #aborting = false
  #loop: EventLoop | undefined = undefined
  #parent: Task<unknown> | undefined = undefined
  #parentCancelRequested = false
  #cancellingOnEnter = 0
  readonly #tasks = new Set<Task<unknown>>()
  #errors: unknown[] = []
  #onCompleted: Future<boolean> | undefined = undefined
  readonly #onTaskDone = (task: Future<unknown>): void => this.#taskDone(task as Task<unknown>)

  /**
   * Enters the group in the current task (CPython's `__aenter__`).
   * @returns this.
   * @throws Error `TaskGroup <…> has already been entered`; `… cannot determine the parent
   *   task` outside a task.
   */
  enter(): this {
    if (this.#entered) throw new Error(`TaskGroup ${this} has already been entered`)
    this.#loop ??= getRunningLoop()
    const parent = currentTask(this.#loop)
    if (parent === undefined) {
      throw new Error(`TaskGroup ${this} cannot determine the parent task`)
    }
    this.#parent = parent
    this.#cancellingOnEnter = parent.cancelling()
    this.#entered = true
    return this
  }

  /**
   * Creates a child task of the group.
   * @throws Error `… has not been entered`, `… is finished`, `… is shutting down`.
   * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup.create_task | TaskGroup.create_task}
   */
  createTask<T>(coro: () => GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: () => PromiseLike<T> | T, options?: TaskOptions): Task<T>
  createTask<T>(coro: PromiseLike<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
    if (!this.#entered) throw new Error(`TaskGroup ${this} has not been entered`)
    if (this.#exiting && this.#tasks.size === 0) throw new Error(`TaskGroup ${this} is finished`)
    if (this.#aborting) throw new Error(`TaskGroup ${this} is shutting down`)
    const task = (this.#loop as EventLoop).createTask<T>(coro, options)
    whenDone(task, this.#onTaskDone)
    this.#tasks.add(task as Task<unknown>)
    return task
  }

  /** `<TaskGroup tasks=2 errors=1 cancelling>`, `<TaskGroup entered>`, … */
  toString(): string {
    let info = ''
    if (this.#tasks.size > 0) info += ` tasks=${this.#tasks.size}`
    if (this.#errors.length > 0) info += ` errors=${this.#errors.length}`
    if (this.#aborting) info += ' cancelling'
    else if (this.#entered) info += ' entered'
    return `<TaskGroup${info}>`
  }

  /** `await using`: waits for the children, not knowing how the body ended (see the class notes). */
  async [asyncDispose](): Promise<void> {
    await drive(this.exit(undefined))
  }

  /**
   * @internal Leaves the group (CPython's `__aexit__`), as a generator coroutine. Returns
   * normally when the body's own error (if any) should go on.
   */
  *exit(end: BodyEnd): GeneratorCoroutine<void> {
    this.#exiting = true
    const parent = this.#parent as Task<unknown>
    const failed = end?.failed === true
    let propagate: unknown
    let cancelled = failed && end?.error instanceof CancelledError
    if (
      end === undefined &&
      parent.cancelling() > this.#cancellingOnEnter + (this.#parentCancelRequested ? 1 : 0)
    ) {
      // await using: a cancel of the parent is on its way out of the body.
      cancelled = true
    }
    if (cancelled) propagate = end?.error ?? new CancelledError()
    if (this.#parentCancelRequested && parent.uncancel() === 0) propagate = undefined
    if ((failed || cancelled) && !this.#aborting) this.#abort()
    while (this.#tasks.size > 0) {
      this.#onCompleted ??= (this.#loop as EventLoop).createFuture<boolean>()
      try {
        yield* this.#onCompleted
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error
        if (!this.#aborting) {
          propagate = error
          this.#abort()
        }
      }
      this.#onCompleted = undefined
    }
    if (propagate !== undefined && this.#errors.length === 0) {
      if (end === undefined) return // the in-flight CancelledError goes on
      throw propagate
    }
    if (failed && !(end?.error instanceof CancelledError)) this.#errors.push(end?.error)
    if (this.#errors.length > 0) {
      const errors = this.#errors
      this.#errors = []
      throw new TaskGroupError(errors)
    }
  }

  #abort(): void {
    this.#aborting = true
    for (const task of this.#tasks) if (!task.done()) task.cancel()
  }

  #taskDone(task: Task<unknown>): void {
    this.#tasks.delete(task)
    const waiter = this.#onCompleted
    if (waiter !== undefined && this.#tasks.size === 0 && !waiter.done()) waiter.setResult(true)
    if (task.cancelled()) return
    let error: unknown
    try {
      task.result()
      return
    } catch (thrown) {
      error = thrown
    }
    this.#errors.push(error)
    const parent = this.#parent as Task<unknown>
    if (parent.done()) {
      ;(this.#loop as EventLoop).callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: error,
        task,
      })
      return
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      this.#abort()
      this.#parentCancelRequested = true
      parent.cancel()
    }
  }
}

type GroupBody<T> = (tg: TaskGroup) => PromiseLike<T> | T
type GeneratorGroupBody<T> = (tg: TaskGroup) => GeneratorCoroutine<T>

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown

/**
 * Runs `body` with a new {@link TaskGroup} in the current task and waits for all its
 * children (`async with TaskGroup() as tg:`). With a generator function it returns a
 * generator to `yield*` in a generator coroutine.
 *
 * CPython: `async with asyncio.TaskGroup() as tg:`.
 *
 * @returns the body's result, once every child is done.
 * @throws {@link TaskGroupError} if children or the body failed; `CancelledError` if the
 *   parent was cancelled from outside and no child failed; Error outside a task.
 * @example
 * const [a, b] = await withTaskGroup(async (tg) => {
 *   const ta = tg.createTask(async () => 1)
 *   const tb = tg.createTask(async () => 2)
 *   return [ta, tb]
 * }).then(([ta, tb]) => [ta.result(), tb.result()])
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup | asyncio.TaskGroup}
 */
export function withTaskGroup<T>(body: GeneratorGroupBody<T>): GeneratorCoroutine<T>
export function withTaskGroup<T>(body: GroupBody<T>): Promise<T>
export function withTaskGroup<T>(
  body: GroupBody<T> | GeneratorGroupBody<T>,
): Promise<T> | GeneratorCoroutine<T> {
  const tg = new TaskGroup()
  if (body.constructor === GeneratorFunction) {
    return (function* (): GeneratorCoroutine<T> {
      tg.enter()
      let value: T
      try {
        value = yield* (body as GeneratorGroupBody<T>)(tg)
      } catch (error) {
        yield* tg.exit({ failed: true, error })
        throw error
      }
      yield* tg.exit({ failed: false })
      return value
    })()
  }
  tg.enter()
  return (async (): Promise<T> => {
    let value: T
    try {
      value = await (body as GroupBody<T>)(tg)
    } catch (error) {
      await drive(tg.exit({ failed: true, error }))
      throw error
    }
    await drive(tg.exit({ failed: false }))
    return value
  })()
}
