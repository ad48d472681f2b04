import {
  AIO_FUTURE_BRAND,
  CancelledError,
  CONCURRENT_FUTURE_BRAND,
  describeValue,
  hasBrand,
} from '@futures/core'
import { checkContextOption, type LoopContext, runInContext } from './context.js'
import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import {
  type CallbackContext,
  type DoneCallback,
  Future,
  installAwaitConstructor,
  kindPrototypes,
} from './future.js'
import { captureContext, outsideTaskContext, taskContext } from './host-node.js'
import {
  kAddWakeup,
  kAwaiting,
  kBlocking,
  kCancelBase,
  kCancelMessage,
  kCancelWithError,
  kResumed,
  kSetExceptionBase,
  kSetResultBase,
  kStepBegin,
  kStepEnd,
  kTasks,
} from './internal.js'
import { soon } from './schedule.js'
import { sharedState } from './state.js'

const STATE = sharedState()

/**
 * A generator coroutine: a `function*` that awaits aio futures with `yield*`
 * (`const v = yield* fut`); a bare `yield` pauses for one loop iteration.
 *
 * CPython: a generator-based coroutine (`yield from fut`), the model of every coroutine.
 * @example
 * function* worker(): GeneratorCoroutine<number> {
 *   const v = yield* sleep(10, 41)
 *   return v + 1
 * }
 * const task = loop.createTask(worker)
 */
// biome-ignore lint/suspicious/noExplicitAny: the values sent back in are the awaited results, of any type
export type GeneratorCoroutine<T> = Generator<unknown, T, any>

/**
 * An async function (or any function returning a thenable), called in the task's first step.
 *
 * CPython: a coroutine function (`async def`) called with no arguments.
 *
 * @example
 * const job: AsyncCoroutine<number> = async () => {
 *   await sleep(10)
 *   return 42
 * }
 * createTask(job)
 */
export type AsyncCoroutine<T> = () => PromiseLike<T> | T

/**
 * What a {@link Task} can run: an async function, a generator coroutine (the generator object,
 * or a generator function taking no arguments), or a thenable (only waited for).
 *
 * CPython: the coroutine (or awaitable) `create_task` / `ensure_future` take.
 *
 * @example
 * const runnable: CoroutineLike<number>[] = [async () => 1, function* () { return 2 }, Promise.resolve(3)]
 */
export type CoroutineLike<T> =
  | GeneratorCoroutine<T>
  | (() => GeneratorCoroutine<T>)
  | AsyncCoroutine<T>
  | PromiseLike<T>

/**
 * Options for `createTask`.
 *
 * CPython: the `name` parameter of `asyncio.create_task`.
 *
 * @example
 * const task = createTask(async () => 42, { name: 'answer' })
 * task.getName() // 'answer'
 */
export interface TaskOptions {
  /** The task's name, converted to a string. @defaultValue `'Task-<n>'` */
  readonly name?: unknown
  /**
   * The context the task runs in (each step of a generator coroutine; an async function's
   * call), e.g. `AsyncLocalStorage.snapshot()`. CPython's `context=`.
   * @defaultValue a copy of the context current at `createTask`
   */
  readonly context?: CallbackContext | undefined
}

/**
 * Options of the {@link Task} constructor: those of `createTask`, and the loop.
 *
 * CPython: `asyncio.Task(coro, *, loop=None, name=None, context=None)`.
 *
 * @example
 * const task = new Task(async () => 42, { loop, name: 'answer' })
 */
export interface TaskConstructorOptions extends TaskOptions {
  /** The loop the task runs on. @defaultValue the running loop */
  readonly loop?: EventLoop | undefined
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor as unknown

function isGeneratorObject(x: unknown): x is GeneratorCoroutine<unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { next?: unknown }).next === 'function' &&
    typeof (x as { throw?: unknown }).throw === 'function' &&
    typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  )
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    typeof (x as { then?: unknown }).then === 'function'
  )
}

/** @internal Whether `x` is something a Task can run (not an aio future). */
export function isCoroutineLike(x: unknown): boolean {
  if (hasBrand(x, AIO_FUTURE_BRAND) || hasBrand(x, CONCURRENT_FUTURE_BRAND)) return false
  if (typeof x === 'function') return x.constructor !== AsyncGeneratorFunction
  return isGeneratorObject(x) || isThenable(x)
}

/** @internal The TypeError for a value no Task can run. */
export function notCoroutineError(x: unknown, where: string): TypeError {
  if (hasBrand(x, CONCURRENT_FUTURE_BRAND)) {
    return new TypeError(
      `${where} got a concurrent Future; wrap it with wrapFuture() from @futures/bridge to await it on an event loop`,
    )
  }
  const shown = hasBrand(x, AIO_FUTURE_BRAND) ? String(x) : describeValue(x)
  return new TypeError(
    `a coroutine was expected (an async function, a generator coroutine or a thenable), got ${shown}`,
  )
}

interface PendingTask {
  loop: EventLoop
  ref: WeakRef<Task<unknown>>
  name: string
}

let pendingTaskRegistry: FinalizationRegistry<PendingTask> | undefined

/** Tasks collected while pending are reported, as CPython's `Task.__del__` does. */
function pendingTasks(): FinalizationRegistry<PendingTask> {
  if (pendingTaskRegistry === undefined) {
    pendingTaskRegistry = new FinalizationRegistry((held) => {
      held.loop[kTasks].delete(held.ref)
      held.loop.callExceptionHandler({
        message: 'Task was destroyed but it is pending!',
        task: `<Task pending name='${held.name}'>`,
      })
    })
  }
  return pendingTaskRegistry
}

/**
 * Settles `future` from a promise callback. Once its loop is closed nothing happens (the
 * future stays pending, as in CPython, where a closed loop runs nothing); any other error goes
 * to the loop's exception handler rather than becoming an unhandled rejection.
 */
function setUnlessDone<T>(future: Future<T>, ok: boolean, value: unknown): void {
  const loop = future.getLoop()
  if (future.done() || loop.isClosed()) return
  try {
    if (ok) future.setResult(value as T)
    else future.setException(value)
  } catch (exception) {
    loop.callExceptionHandler({
      message: 'Exception while settling a wrapped promise',
      exception,
      future,
    })
  }
}

/**
 * A coroutine scheduled on an event loop: asyncio's Task. It is a {@link Future} of the
 * coroutine's outcome; the first step runs in a later loop iteration (never inside
 * `createTask`).
 *
 * - A **generator coroutine** is driven exactly as CPython drives a coroutine: `cancel()`
 *   throws `CancelledError` into the generator at its `yield`.
 * - An **async function** is called in the first step. The task tracks which aio future the
 *   function awaits (through `AsyncLocalStorage` on Node), so `cancel()` cancels that future
 *   and `CancelledError` is thrown at the `await`, in helper functions too. While it awaits a
 *   foreign promise, {@link Task.signal} is the way to stop it; the next aio await throws.
 * - A **thenable** is waited for; cancelling only stops the wait.
 *
 * @example
 * const task = createTask(async () => {
 *   try {
 *     await sleep(1_000)
 *   } finally {
 *     console.log('cleanup runs on cancel')
 *   }
 * }, { name: 'worker' })
 * task.cancel('shutting down')
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.Task | asyncio.Task}
 */
export class Task<T = unknown> extends Future<T> {
  static {
    installAwaitConstructor(Task)
    kindPrototypes.task = Task.prototype
  }

  #coro: unknown
  #gen: GeneratorCoroutine<T> | undefined = undefined
  #fn: (() => unknown) | undefined = undefined
  #name: string
  #mustCancel = false
  #cancelMessage: string | undefined = undefined
  #numCancels = 0
  /** `cancel()` was called while pending; {@link Task.#requestedMessage} is its last message. */
  #cancelRequested = false
  #requestedMessage: string | undefined = undefined
  /** Why the task was first asked to cancel: the reason of its {@link Task.signal}. */
  #abortReason: CancelledError | undefined = undefined
  #futWaiter: Future<unknown> | undefined = undefined
  /** An async function may await several futures at once (`Promise.all`): the others. */
  #alsoAwaited: Future<unknown>[] | undefined = undefined
  /** A wakeup came since the last await: the next await replaces what the task awaits. */
  #woken = false
  #controller: AbortController | undefined = undefined
  #ref: WeakRef<Task<unknown>> | undefined = undefined
  /** The context every step runs in (CPython's `Task._context`). */
  readonly #context: LoopContext
  /** The wakeup callback, made on first use (an async-function task never needs it). */
  #wakeupFn: ((future: Future<unknown>) => void) | undefined = undefined

  static #start(task: Task<unknown>): void {
    runInContext(task.#context, task.#stepAsync, task)
  }

  /** One step of a generator coroutine; its handle shows `#step(<Task …>)` (debug log). */
  static #step(task: Task<unknown>): void {
    task.#stepGen(false, undefined)
  }

  static #throwInto(task: Task<unknown>, error: unknown): void {
    task.#stepGen(true, error)
  }

  get #wakeup(): (future: Future<unknown>) => void {
    if (this.#wakeupFn === undefined) {
      // Named `#wakeup` (a function stored in a private field would be anonymous): the name
      // its handle shows in the debug log and in `Exception in callback …`.
      const named = {
        '#wakeup': (future: Future<unknown>): void => {
          // CPython's __wakeup: read the outcome, then step with it.
          try {
            future.result()
          } catch (error) {
            this.#stepGen(true, error)
            return
          }
          this.#stepGen(false, undefined)
        },
      }
      this.#wakeupFn = named['#wakeup']
    }
    return this.#wakeupFn
  }

  /** Throws `error` into the coroutine in the next iteration. */
  #throwSoon(error: Error): void {
    soon(this.getLoop(), Task.#throwInto, [this, error])
  }

  /**
   * Prefer `createTask(coro, { name })` or `loop.createTask`.
   * @throws TypeError if `coro` is not a coroutine (see {@link CoroutineLike}).
   */
  constructor(coro: CoroutineLike<T>, options: TaskConstructorOptions = {}) {
    const loop = options.loop ?? getRunningLoop()
    if (!isCoroutineLike(coro)) throw notCoroutineError(coro, 'createTask')
    checkContextOption(options.context, 'createTask')
    if (loop.isClosed()) throw new Error('Event loop is closed')
    super({ loop })
    this.#coro = coro
    this.#name = options.name === undefined ? `Task-${++STATE.taskCounter}` : String(options.name)
    if (isGeneratorObject(coro)) this.#gen = coro
    else if (typeof coro === 'function') {
      if (coro.constructor === GeneratorFunction)
        this.#gen = (coro as () => GeneratorCoroutine<T>)()
      else this.#fn = coro as () => unknown
    } else {
      const inner = loop.createFuture<T>()
      ;(coro as PromiseLike<T>).then(
        (v) => setUnlessDone(inner, true, v),
        (e: unknown) => setUnlessDone(inner, false, e),
      )
      this.#gen = (function* (): GeneratorCoroutine<T> {
        return yield* inner
      })()
    }
    const ref = new WeakRef(this as Task<unknown>)
    this.#ref = ref
    loop[kTasks].add(ref)
    pendingTasks().register(this, { loop, ref, name: this.#name }, ref)
    // CPython: a task runs in a copy of its creator's context, or in the one it is given.
    this.#context = options.context ?? captureContext()
    if (this.#fn !== undefined) soon(loop, Task.#start, [this])
    else soon(loop, Task.#step, [this])
  }

  /** The coroutine given to the task (the async function, generator or thenable), also once done. */
  getCoro(): unknown {
    return this.#coro
  }

  /** The task's name. */
  getName(): string {
    return this.#name
  }

  /** Renames the task; `name` is converted to a string. */
  setName(name: unknown): void {
    this.#name = String(name)
  }

  /**
   * An `AbortSignal` aborted (with a `CancelledError`) when the task is cancelled: pass it to
   * foreign APIs (`fetch`, timers, streams) the coroutine awaits.
   *
   * It is aborted inside the first `cancel()` call, so its `'abort'` listeners run there,
   * synchronously. A listener that throws is reported as any `EventTarget` listener error is:
   * on Node, as an uncaught exception of the process (which ends it unless an
   * `'uncaughtException'` handler is installed); the loop's exception handler never sees it.
   * Catch errors inside your listeners.
   */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#abortReason !== undefined) this.#controller.abort(this.#abortReason)
    }
    return this.#controller.signal
  }

  /**
   * Requests cancellation: the awaited future is cancelled, so the coroutine gets
   * `CancelledError(msg)` at its await (or at its next one).
   * @returns `false` if the task is done; otherwise `true` (each call adds one to
   *   {@link Task.cancelling}).
   * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel | Task.cancel}
   */
  override cancel(msg?: string | undefined): boolean {
    if (this.done()) return this[kCancelBase](msg) // false; marks the exception retrieved
    this.#numCancels++
    const message = msg === undefined ? undefined : String(msg)
    this.#cancelRequested = true
    this.#requestedMessage = message
    if (this.#abortReason === undefined) {
      this.#abortReason = new CancelledError(message ?? '')
      this.#controller?.abort(this.#abortReason)
    }
    let reached = this.#futWaiter?.cancel(message) === true
    const others = this.#alsoAwaited
    if (others !== undefined) {
      this.#alsoAwaited = undefined
      for (const future of others) if (future.cancel(message)) reached = true
    }
    if (reached) return true
    this.#mustCancel = true
    this.#cancelMessage = message
    return true
  }

  /** @internal CPython's `Task._cancel_message`: the last message given to `cancel()`. */
  override [kCancelMessage](): string | undefined {
    if (!this.cancelled()) return undefined
    return this.#cancelRequested ? this.#requestedMessage : super[kCancelMessage]()
  }

  /** How many `cancel()` calls are pending (not withdrawn by {@link Task.uncancel}). */
  cancelling(): number {
    return this.#numCancels
  }

  /**
   * Withdraws one cancel request. When the count reaches 0, a cancel not yet delivered is
   * withdrawn too (Python 3.13's rule).
   * @returns the new count.
   * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.uncancel | Task.uncancel}
   */
  uncancel(): number {
    if (this.#numCancels > 0) {
      this.#numCancels--
      if (this.#numCancels === 0) this.#mustCancel = false
    }
    return this.#numCancels
  }

  /** @throws Error: a task's result comes from its coroutine. */
  override setResult(_value: T): void {
    throw new Error('Task does not support setResult operation')
  }

  /** @throws Error: a task's exception comes from its coroutine. */
  override setException(_exception: unknown): void {
    throw new Error('Task does not support setException operation')
  }

  override toString(): string {
    const state = !this.done() && this.#numCancels > 0 ? 'cancelling' : this._describeState()
    return `<Task ${state} name='${this.#name}'>`
  }

  /** @internal An async-function coroutine awaits `future` (through `then`). */
  [kAwaiting](future: Future<unknown>): Error | undefined {
    if (this.done()) return undefined
    if (future.getLoop() !== this.getLoop()) {
      return new Error(`Task ${this} got Future ${future} attached to a different loop`)
    }
    if ((future as unknown) === this) return new Error(`Task cannot await on itself: ${this}`)
    if (this.#woken) {
      // The first await after a wakeup: what the task awaited before is history.
      this.#woken = false
      this.#futWaiter = undefined
      this.#alsoAwaited = undefined
    }
    const current = this.#futWaiter
    if (current !== undefined && current !== future && !current.done()) {
      if (this.#alsoAwaited === undefined) this.#alsoAwaited = [current]
      else this.#alsoAwaited.push(current)
    }
    this.#futWaiter = future
    if (this.#mustCancel && future.cancel(this.#cancelMessage)) this.#mustCancel = false
    return undefined
  }

  /** @internal The awaited `future` is done: a pending cancel wins over its outcome. */
  [kResumed](future: Future<unknown>, wakeup = false): CancelledError | undefined {
    if (wakeup) this.#woken = true
    if (this.#futWaiter === future) this.#futWaiter = undefined
    const others = this.#alsoAwaited
    if (others !== undefined) {
      const kept = others.filter((f) => f !== future && !f.done())
      this.#alsoAwaited = kept.length === 0 ? undefined : kept
    }
    if (this.#futWaiter === undefined && this.#alsoAwaited === undefined && !this.done()) {
      // Nothing else awaited: the function resumes now; the loop waits for its step.
      this.getLoop()[kStepBegin](this)
    }
    if (this.#mustCancel && !this.done()) {
      this.#mustCancel = false
      // CPython's __step: a CancelledError already on its way in is kept (with its message).
      if (future.cancelled()) return undefined
      return new CancelledError(this.#cancelMessage ?? '')
    }
    return undefined
  }

  #stepAsync(): void {
    if (this.done()) return
    if (this.#mustCancel) {
      // Cancelled before its first step: the function is never called.
      this.#mustCancel = false
      this.#end(false, new CancelledError(this.#cancelMessage ?? ''))
      return
    }
    const fn = this.#fn as () => unknown
    this.getLoop()[kStepBegin](this)
    const previous = STATE.steppingTask
    STATE.steppingTask = this
    let returned: unknown
    try {
      returned = taskContext<Task<unknown>>().run(this as Task<unknown>, fn)
    } catch (error) {
      this.#end(false, error)
      return
    } finally {
      STATE.steppingTask = previous
    }
    if (hasBrand(returned, AIO_FUTURE_BRAND)) {
      // The function handed back an aio future: the task awaits it as a generator would, so
      // cancel() reaches it (and no other task is charged with it).
      const future = returned as Future<T>
      this.#gen = (function* (): GeneratorCoroutine<T> {
        return yield* future
      })()
      this.getLoop()[kStepEnd](this) // from here on it steps as a generator, synchronously
      this.#stepGen(false, undefined)
    } else if (isThenable(returned)) {
      const thenable = returned
      try {
        taskContext<Task<unknown>>().run(this as Task<unknown>, () =>
          thenable.then(
            (value) => this.#endFromPromise(true, value),
            (error: unknown) => this.#endFromPromise(false, error),
          ),
        )
      } catch (error) {
        this.#end(false, error)
      }
    } else if (isGeneratorObject(returned)) {
      this.#gen = returned as GeneratorCoroutine<T>
      this.getLoop()[kStepEnd](this)
      this.#stepGen(false, undefined)
    } else this.#end(true, returned)
  }

  /** #end from a promise callback: see {@link setUnlessDone}. */
  #endFromPromise(ok: boolean, value: unknown): void {
    const loop = this.getLoop()
    if (loop.isClosed()) return
    try {
      this.#end(ok, value)
    } catch (exception) {
      loop.callExceptionHandler({
        message: 'Exception while finishing a task',
        exception,
        task: this,
      })
    }
  }

  #end(ok: boolean, value: unknown): void {
    this.getLoop()[kStepEnd](this)
    if (this.done()) return
    this.#futWaiter = undefined
    this.#alsoAwaited = undefined
    if (ok) {
      if (this.#mustCancel) {
        this.#mustCancel = false
        this[kCancelBase](this.#cancelMessage)
      } else this[kSetResultBase](value as T)
    } else if (value instanceof CancelledError) this[kCancelWithError](value)
    else this[kSetExceptionBase](value)
    const ref = this.#ref
    if (ref !== undefined) {
      this.getLoop()[kTasks].delete(ref)
      pendingTasks().unregister(ref)
      this.#ref = undefined
    }
  }

  /** CPython's `Task.__step`, for generator coroutines. */
  #stepGen(hasError: boolean, error: unknown): void {
    if (this.done()) return
    if (this.#mustCancel) {
      if (!(hasError && error instanceof CancelledError)) {
        error = new CancelledError(this.#cancelMessage ?? '')
        hasError = true
      }
      this.#mustCancel = false
    }
    this.#futWaiter = undefined
    const gen = this.#gen as GeneratorCoroutine<T>
    const previous = STATE.steppingTask
    STATE.steppingTask = this
    let step: IteratorResult<unknown, T> | undefined
    try {
      // Outside any async-function task's store, even one the context was captured in: a
      // promise the step starts belongs to no task (CPython: a context holds no current task).
      step = runInContext(
        this.#context,
        () => outsideTaskContext(() => (hasError ? gen.throw(error) : gen.next(undefined))),
        this,
      )
    } catch (thrown) {
      STATE.steppingTask = previous
      this.#end(false, thrown)
      return
    }
    STATE.steppingTask = previous
    const result = step as IteratorResult<unknown, T>
    if (result.done === true) {
      this.#end(true, result.value)
      return
    }
    this.#handleYield(result.value)
  }

  #handleYield(yielded: unknown): void {
    const loop = this.getLoop()
    if (hasBrand(yielded, AIO_FUTURE_BRAND)) {
      const future = yielded as Future<unknown>
      if (future.getLoop() !== loop) {
        this.#throwSoon(new Error(`Task ${this} got Future ${future} attached to a different loop`))
      } else if (future[kBlocking]) {
        if ((future as unknown) === this) {
          this.#throwSoon(new Error(`Task cannot await on itself: ${this}`))
          return
        }
        future[kBlocking] = false
        const addWakeup = future[kAddWakeup]
        if (typeof addWakeup === 'function') future[kAddWakeup](this.#wakeup as DoneCallback<never>)
        else future.addDoneCallback(this.#wakeup)
        this.#futWaiter = future
        if (this.#mustCancel && future.cancel(this.#cancelMessage)) this.#mustCancel = false
      } else {
        this.#throwSoon(
          new Error(`yield was used instead of yield* in task ${this} with ${future}`),
        )
      }
    } else if (yielded === undefined) {
      soon(loop, Task.#step, [this]) // a bare `yield`: one loop iteration, as asyncio.sleep(0)
    } else if (hasBrand(yielded, CONCURRENT_FUTURE_BRAND)) {
      this.#throwSoon(
        new TypeError(
          `Task ${this} yielded a concurrent Future; await wrapFuture(future) from @futures/bridge instead`,
        ),
      )
    } else if (isGeneratorObject(yielded)) {
      this.#throwSoon(
        new Error(
          `yield was used instead of yield* for generator in task ${this} with ${describeValue(yielded)}`,
        ),
      )
    } else {
      this.#throwSoon(new Error(`Task got bad yield: ${describeValue(yielded)}`))
    }
  }
}
