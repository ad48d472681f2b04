import { AIO_FUTURE_BRAND, describeValue, getClock, getLogger, hasBrand } from '@futures/core'
import { ensureFuture } from './ensure-future.js'
import { Future } from './future.js'
import { Handle, type LoopCallback, TimerHandle } from './handles.js'
import { captureContext, outsideTaskContext, scheduleMacrotask } from './host-node.js'
import { kCallAt, kCallSoon, kStepBegin, kStepEnd, kTasks } from './internal.js'
import { whenDone } from './schedule.js'
import { sharedState } from './state.js'
import { type CoroutineLike, type GeneratorCoroutine, Task, type TaskOptions } from './task.js'

const STATE = sharedState()

/**
 * What an exception handler receives (CPython's `context` dict).
 * @example
 * loop.callExceptionHandler({ message: 'lost a result', exception: new Error('boom') })
 */
export interface ExceptionContext {
  /** What happened; the default handler logs `'Unhandled exception in event loop'` without it. */
  message?: string | undefined
  /** The thrown value, when there is one. */
  exception?: unknown
  /** The future concerned (or its description, once it was collected). */
  future?: unknown
  /** The task concerned. */
  task?: unknown
  /** The handle whose callback threw. */
  handle?: Handle | undefined
  /** Anything else a caller adds. */
  [key: string]: unknown
}

/**
 * `handler(loop, context)`, as CPython calls it.
 * @example
 * const errors: unknown[] = []
 * const handler: ExceptionHandler = (_loop, context) => errors.push(context.exception)
 * loop.setExceptionHandler(handler)
 */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void

/**
 * What the loop needs of its default executor (`runInExecutor` with no executor, `toThread`):
 * an executor of `@futures/concurrent`, seen structurally, since aio never imports it.
 *
 * CPython: the `concurrent.futures.Executor` that `loop.set_default_executor` takes.
 *
 * @example
 * loop.setDefaultExecutor(new ThreadPoolExecutor({ maxWorkers: 2 })) // from @futures/concurrent
 */
export interface LoopExecutor {
  /** Schedules a call on the executor (`Executor.submit` of `@futures/concurrent`). */
  submit(...args: never[]): unknown
  /** Stops the executor; `shutdownDefaultExecutor` calls it with `{ wait: true }`. */
  shutdown(options?: { readonly wait?: boolean | undefined }): Promise<void>
}

/**
 * An asyncio event loop on top of the host's loop. Each iteration is one host macrotask: it
 * runs, in FIFO order, the callbacks that were ready when it began (due timers join the end of
 * that batch, in deadline order, FIFO among equal deadlines). Callbacks queued meanwhile wait
 * for the next iteration, so `await sleep(0)` lets host I/O in.
 *
 * CPython's blocking `run_until_complete`/`run_forever` return promises here.
 *
 * @example
 * const loop = newEventLoop()
 * const value = await loop.runUntilComplete(async () => {
 *   await sleep(10)
 *   return 42
 * })
 * loop.close()
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html | asyncio event loop}
 */
export class EventLoop {
  #ready: Handle[] = []
  #spare: Handle[] = []
  #timers: TimerHandle[] = []
  #cancelledTimers = 0
  #timerSeq = 0
  #running = false
  #stopping = false
  #closed = false
  #debug = false
  #inIteration = false
  #macrotaskPending = false
  #idleTimerSet = false
  #exceptionHandler: ExceptionHandler | undefined = undefined
  #defaultExecutor: LoopExecutor | undefined = undefined
  #executorShutdownCalled = false
  readonly #futureOptions = { loop: this }
  #stopped: (() => void) | undefined = undefined
  #batch: Handle[] = []
  #batchIndex = 0
  /** Async-function tasks resumed by this iteration whose step has not ended yet. */
  readonly #openSteps = new Set<object>()
  #paused = false
  #pauseHops = 0
  readonly #iterate = (): void => {
    this.#macrotaskPending = false
    this.#idleTimerSet = false
    if (!this.#running) return
    this.#runOnce()
  }
  /** @internal The tasks of this loop that are not done, held weakly (CPython's WeakSet). */
  readonly [kTasks] = new Set<WeakRef<Task<unknown>>>()

  /** Milliseconds on a monotonic clock (core's clock seam); every deadline uses it. */
  time(): number {
    return getClock().now()
  }

  /**
   * Queues `callback(...args)` for the next iteration.
   * @throws TypeError if `callback` is not a function; Error if the loop is closed.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon | loop.call_soon}
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    if (typeof callback !== 'function') throw notCallable('callSoon', callback)
    if (this.#closed) throw closedError()
    if (this.#debug) checkNotCoroutine('callSoon', callback)
    const handle = this[kCallSoon](callback as LoopCallback, args.length === 0 ? undefined : args)
    // CPython: the callback runs in a copy of the context current now.
    handle._context = captureContext()
    return handle
  }

  /** @internal `callSoon` for the package's own callbacks: no checks, no captured context. */
  [kCallSoon](callback: LoopCallback, args?: readonly unknown[]): Handle {
    if (this.#closed) throw closedError()
    const handle = new Handle(callback, args, this)
    this.#ready.push(handle)
    if (!this.#inIteration && !this.#macrotaskPending && this.#running) this.#wake()
    return handle
  }

  /**
   * Like {@link EventLoop.callSoon}, for callers outside the loop's own callbacks (a worker
   * message, a foreign callback): it also wakes a loop that is idle.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon_threadsafe | loop.call_soon_threadsafe}
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    const handle = this.callSoon(callback, ...args)
    if (this.#running && !this.#macrotaskPending && !this.#inIteration) this.#wake()
    return handle
  }

  /**
   * Calls `callback(...args)` once `delayMs` have passed (`0` or less: next iteration).
   * @throws TypeError for a delay that is not a number, or NaN.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_later | loop.call_later}
   */
  callLater<A extends unknown[]>(
    delayMs: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
      throw new TypeError(`delay must be a number of milliseconds, got ${describeValue(delayMs)}`)
    }
    return this.callAt(this.time() + delayMs, callback, ...args)
  }

  /**
   * Calls `callback(...args)` at `whenMs` on the {@link EventLoop.time} clock.
   * @throws TypeError for a time that is not a number, or NaN.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_at | loop.call_at}
   */
  callAt<A extends unknown[]>(
    whenMs: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (typeof whenMs !== 'number' || Number.isNaN(whenMs)) {
      throw new TypeError(`when must be a number of milliseconds, got ${describeValue(whenMs)}`)
    }
    if (typeof callback !== 'function') throw notCallable('callAt', callback)
    if (this.#closed) throw closedError()
    if (this.#debug) checkNotCoroutine('callLater/callAt', callback)
    const timer = this[kCallAt](
      whenMs,
      callback as LoopCallback,
      args.length === 0 ? undefined : args,
    )
    timer._context = captureContext()
    return timer
  }

  /** @internal `callAt` for the package's own timers: no checks, no captured context. */
  [kCallAt](whenMs: number, callback: LoopCallback, args?: readonly unknown[]): TimerHandle {
    if (this.#closed) throw closedError()
    const timer = new TimerHandle(whenMs, this.#timerSeq++, callback, args, this)
    heapPush(this.#timers, timer)
    if (!this.#inIteration && !this.#macrotaskPending && this.#running) this.#wake()
    return timer
  }

  /**
   * A new pending {@link Future} bound to this loop.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_future | loop.create_future}
   */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>(this.#futureOptions)
  }

  /**
   * Wraps a coroutine in a {@link Task} scheduled on this loop: an async function (called in
   * the task's first step), a generator coroutine (a generator object, or a generator
   * function called with no arguments), or a thenable (only waited for).
   * @throws TypeError for anything else (a concurrent Future: see `wrapFuture`); Error if closed.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_task | loop.create_task}
   */
  createTask<T>(coro: () => GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: GeneratorCoroutine<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: () => PromiseLike<T> | T, options?: TaskOptions): Task<T>
  createTask<T>(coro: PromiseLike<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T>
  createTask<T>(coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
    if (this.#closed) throw closedError()
    return new Task<T>(coro, { loop: this, name: options.name, context: options.context })
  }

  /**
   * Runs the loop until `x` (a future, a task, or a coroutine wrapped in a task) is done.
   * @returns a promise of its result; it rejects with its exception, `CancelledError`, or
   *   `Error('Event loop stopped before Future completed.')`.
   * @throws synchronously: TypeError for a non-awaitable, Error for a future of another loop,
   *   a closed loop, or a loop already running.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_until_complete | loop.run_until_complete}
   */
  runUntilComplete<T>(x: Future<T>): Promise<T>
  runUntilComplete<T>(x: () => GeneratorCoroutine<T>): Promise<T>
  runUntilComplete<T>(x: GeneratorCoroutine<T>): Promise<T>
  runUntilComplete<T>(x: () => PromiseLike<T> | T): Promise<T>
  runUntilComplete<T>(x: PromiseLike<T>): Promise<T>
  runUntilComplete<T>(x: CoroutineLike<T> | Future<T>): Promise<T>
  runUntilComplete<T>(x: CoroutineLike<T> | Future<T>): Promise<T> {
    this.#checkRunnable()
    if (hasBrand(x, AIO_FUTURE_BRAND) && (x as Future<T>).getLoop() !== this) {
      throw new Error(
        'The future belongs to a different loop than the one specified as the loop argument',
      )
    }
    const future = ensureFuture(x, { loop: this }) as Future<T>
    const stop = (): void => this.stop()
    whenDone(future, stop)
    return this.runForever().then(() => {
      future.removeDoneCallback(stop)
      if (!future.done()) throw new Error('Event loop stopped before Future completed.')
      return future.result()
    })
  }

  /**
   * Runs the loop until {@link EventLoop.stop} is called.
   * @returns a promise that settles once the loop has stopped.
   * @throws Error if the loop is closed or already running, or another loop is running.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_forever | loop.run_forever}
   */
  runForever(): Promise<void> {
    this.#checkRunnable()
    this.#running = true
    STATE.runningLoop = this
    return new Promise<void>((resolve) => {
      this.#stopped = resolve
      this.#wake()
    })
  }

  /**
   * Stops the loop after the current iteration: every callback already in its batch runs.
   * Called before {@link EventLoop.runForever}, the loop runs one iteration and stops.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.stop | loop.stop}
   */
  stop(): void {
    this.#stopping = true
    if (this.#running && !this.#inIteration && !this.#macrotaskPending) this.#wake()
  }

  /**
   * Closes the loop: queued callbacks and timers are dropped, futures stay as they are.
   * Closing twice is fine.
   * @throws Error if the loop is running.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.close | loop.close}
   */
  close(): void {
    if (this.#running) throw new Error('Cannot close a running event loop')
    if (this.#closed) return
    this.#closed = true
    // CPython clears the queues; the handles themselves are not cancelled.
    for (const t of this.#timers) t._scheduled = false
    this.#ready = []
    this.#spare = []
    this.#timers = []
    this.#cancelledTimers = 0
  }

  /** Whether the loop is running (also true inside its callbacks and tasks). */
  isRunning(): boolean {
    return this.#running
  }

  /** Whether {@link EventLoop.close} was called. */
  isClosed(): boolean {
    return this.#closed
  }

  /** Whether debug mode is on. */
  /**
   * Sets the executor `runInExecutor(loop, undefined, …)` and `toThread` use (from
   * `@futures/bridge`); by default they make a `ThreadPoolExecutor` on first use.
   * @throws TypeError if `executor` is not an executor (with `submit` and `shutdown`).
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_default_executor | loop.set_default_executor}
   */
  setDefaultExecutor(executor: LoopExecutor | undefined): void {
    if (
      executor !== undefined &&
      (typeof executor !== 'object' ||
        executor === null ||
        typeof executor.submit !== 'function' ||
        typeof executor.shutdown !== 'function')
    ) {
      throw new TypeError(
        `executor must be an Executor (with submit and shutdown), got ${describeValue(executor)}`,
      )
    }
    this.#defaultExecutor = executor
  }

  /**
   * The default executor, if one was set or made (CPython's `loop._default_executor`).
   * `undefined` before first use and after {@link EventLoop.shutdownDefaultExecutor}.
   */
  getDefaultExecutor(): LoopExecutor | undefined {
    return this.#defaultExecutor
  }

  /** Whether {@link EventLoop.shutdownDefaultExecutor} was called: no default executor any more. */
  isDefaultExecutorShutdown(): boolean {
    return this.#executorShutdownCalled
  }

  /**
   * Shuts the default executor down, waiting for its work and workers; afterwards
   * `runInExecutor` with no executor throws `Error('Executor shutdown has been called')`.
   * `run()` calls it before closing its loop.
   * @returns an aio Future that resolves once the executor has shut down.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_default_executor | loop.shutdown_default_executor}
   */
  shutdownDefaultExecutor(): Future<void> {
    this.#executorShutdownCalled = true
    const done = this.createFuture<void>()
    const executor = this.#defaultExecutor
    this.#defaultExecutor = undefined
    if (executor === undefined) {
      done.setResult(undefined)
      return done
    }
    executor.shutdown({ wait: true }).then(
      () => {
        if (!done.done()) done.setResult(undefined)
      },
      (error: unknown) => {
        if (!done.done()) done.setException(error)
      },
    )
    return done
  }

  /** Whether debug mode is on. CPython: `loop.get_debug()`. */
  getDebug(): boolean {
    return this.#debug
  }

  /** Turns debug mode on or off (extra checks, slow-callback reports). */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled)
  }

  /**
   * Installs `handler(loop, context)`; `undefined` (or `null`) restores the default.
   * @throws TypeError for anything else.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_exception_handler | loop.set_exception_handler}
   */
  setExceptionHandler(handler: ExceptionHandler | null | undefined): void {
    if (handler !== undefined && handler !== null && typeof handler !== 'function') {
      throw new TypeError(
        `A callable object or undefined is expected, got ${describeValue(handler)}`,
      )
    }
    this.#exceptionHandler = handler ?? undefined
  }

  /** The installed handler, `undefined` for the default. */
  getExceptionHandler(): ExceptionHandler | undefined {
    return this.#exceptionHandler
  }

  /**
   * Logs `context` on the `'asyncio'` logger: its `message` (or `'Unhandled exception in event
   * loop'`), the other keys, and the exception.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.default_exception_handler | loop.default_exception_handler}
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    const message = context.message ?? 'Unhandled exception in event loop'
    const lines = [message]
    for (const key of Object.keys(context).sort()) {
      if (key === 'message' || key === 'exception') continue
      lines.push(`${key}: ${describeContextValue(context[key])}`)
    }
    if ('exception' in context) getLogger('asyncio').error(lines.join('\n'), context.exception)
    else getLogger('asyncio').error(lines.join('\n'))
  }

  /**
   * Calls the installed exception handler (or the default one) with `context`. A handler that
   * throws is reported by the default handler as `'Unhandled error in exception handler'`.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_exception_handler | loop.call_exception_handler}
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this.#exceptionHandler
    if (handler === undefined) {
      try {
        this.defaultExceptionHandler(context)
      } catch (error) {
        getLogger('asyncio').error('Exception in default exception handler', error)
      }
      return
    }
    try {
      handler(this, context)
    } catch (exception) {
      try {
        this.defaultExceptionHandler({
          message: 'Unhandled error in exception handler',
          exception,
          context,
        })
      } catch (error) {
        getLogger('asyncio').error(
          'Exception in default exception handler while handling an unexpected error in custom exception handler',
          error,
        )
      }
    }
  }

  /** `<EventLoop running=false closed=false debug=false>`. */
  toString(): string {
    return `<${this.constructor.name} running=${this.#running} closed=${this.#closed} debug=${this.#debug}>`
  }

  /** @internal A timer was cancelled: drop cancelled ones once they are most of the heap. */
  _timerCancelled(_timer: TimerHandle): void {
    this.#cancelledTimers++
    if (this.#cancelledTimers > 50 && this.#cancelledTimers * 2 > this.#timers.length) {
      const kept = this.#timers.filter((t) => !t._cancelled)
      for (const t of this.#timers) if (t._cancelled) t._scheduled = false
      this.#timers = []
      for (const t of kept) heapPush(this.#timers, t)
      this.#cancelledTimers = 0
    }
  }

  /**
   * @internal How long the loop would sleep: `undefined` when callbacks are ready or nothing
   * is scheduled, else milliseconds until the first timer. Used by `VirtualTimeLoop`.
   */
  protected nextTimerDelay(): number | undefined {
    this.#dropCancelledTop()
    const first = this.#timers[0]
    if (first === undefined) return undefined
    return Math.max(0, first._when - this.time())
  }

  /** @internal The deadline of the first timer not cancelled, if any. Used by `VirtualTimeLoop`. */
  protected nextTimerWhen(): number | undefined {
    this.#dropCancelledTop()
    return this.#timers[0]?._when
  }

  /** @internal Whether callbacks are ready to run. */
  protected hasReady(): boolean {
    return this.#ready.length > 0
  }

  /**
   * @internal Waits `delayMs` for the next timer; any `callSoon` meanwhile wakes the loop
   * earlier. `VirtualTimeLoop` overrides it to jump the clock instead.
   */
  protected sleepUntilTimer(delayMs: number, wake: () => void): () => void {
    const clock = getClock()
    const id = outsideTaskContext(() => clock.setTimeout(wake, delayMs))
    return () => clock.clearTimeout(id)
  }

  #cancelIdle: (() => void) | undefined = undefined

  #wake(): void {
    if (this.#cancelIdle !== undefined) {
      const cancel = this.#cancelIdle
      this.#cancelIdle = undefined
      cancel()
    }
    if (this.#macrotaskPending) return
    this.#macrotaskPending = true
    scheduleMacrotask(this.#iterate)
  }

  #checkRunnable(): void {
    if (this.#closed) throw closedError()
    if (this.#running) throw new Error('This event loop is already running')
    if (STATE.runningLoop !== undefined) {
      throw new Error('Cannot run the event loop while another loop is running')
    }
  }

  #dropCancelledTop(): void {
    const timers = this.#timers
    while (timers.length > 0 && (timers[0] as TimerHandle)._cancelled) {
      const t = heapPop(timers)
      if (t !== undefined) t._scheduled = false
      this.#cancelledTimers--
    }
  }

  /** One iteration (CPython's `_run_once`), then the decision what to do next. */
  #runOnce(): void {
    this.#inIteration = true
    STATE.runningLoop = this
    try {
      this.onIterationStart()
      this.#dropCancelledTop()
      const timers = this.#timers
      if (timers.length > 0) {
        const now = this.time()
        while (timers.length > 0 && (timers[0] as TimerHandle)._when <= now) {
          const t = heapPop(timers) as TimerHandle
          t._scheduled = false
          if (t._cancelled) this.#cancelledTimers--
          else this.#ready.push(t)
        }
      }
    } catch (error) {
      this.#inIteration = false
      throw error
    }
    // Two arrays in turn: the batch, and the queue for the next iteration.
    this.#batch = this.#ready
    this.#batchIndex = 0
    this.#ready = this.#spare
    this.#runBatch()
  }

  /**
   * Runs the batch from `#batchIndex`. A handle that resumed an async-function task pauses
   * the batch until that task's step is over (its continuation runs in microtasks): so the
   * step runs at its place in the iteration, as in CPython.
   */
  #runBatch(): void {
    const batch = this.#batch
    const debug = this.#debug
    const steps = this.#openSteps
    let i = this.#batchIndex
    let finished = false
    try {
      while (i < batch.length) {
        const handle = batch[i++] as Handle
        if (handle._cancelled) continue
        if (debug) this.#runTimed(handle)
        else handle._run()
        if (steps.size > 0) {
          this.#batchIndex = i
          this.#pause()
          return
        }
      }
      finished = true
    } finally {
      if (finished || !this.#paused) {
        batch.length = 0
        this.#spare = batch
        this.#batchIndex = 0
        this.#inIteration = false
      }
    }
    this.#endIteration()
  }

  #endIteration(): void {
    if (this.#stopping) {
      this.#stopping = false
      this.#running = false
      if (STATE.runningLoop === this) STATE.runningLoop = undefined
      const stopped = this.#stopped
      this.#stopped = undefined
      stopped?.()
      return
    }
    this.#scheduleNext()
  }

  /** Waits for the open steps: a microtask after their continuations, until they report. */
  #pause(): void {
    this.#paused = true
    this.#pauseHops = 0
    queueMicrotask(this.#poll)
  }

  readonly #poll = (): void => {
    if (!this.#paused) return
    if (this.#openSteps.size > 0) {
      if (++this.#pauseHops < MAX_PAUSE_HOPS) {
        queueMicrotask(this.#poll)
        return
      }
      // The step awaits something foreign: go on once every microtask ran.
      if (this.#pauseHops === MAX_PAUSE_HOPS) scheduleMacrotask(this.#pollLate)
      return
    }
    this.#resume()
  }

  readonly #pollLate = (): void => {
    if (!this.#paused) return
    this.#openSteps.clear()
    this.#resume()
  }

  #resume(): void {
    this.#paused = false
    STATE.openStep = undefined // the step's microtasks ran (see kStepBegin)
    this.#runBatch()
  }

  /** @internal A handle of this iteration resumed `task`: its step runs in microtasks. */
  [kStepBegin](task: object): void {
    if (!this.#inIteration) return
    this.#openSteps.add(task)
    // Read by the browser host's stand-in for AsyncLocalStorage until the batch goes on.
    STATE.openStep = task
  }

  /** @internal `task` suspended on a pending future, or ended: its step is over. */
  [kStepEnd](task: object): void {
    this.#openSteps.delete(task)
  }

  /** @internal Called at the start of each iteration (VirtualTimeLoop jumps its clock here). */
  protected onIterationStart(): void {}

  #scheduleNext(): void {
    if (this.#ready.length > 0) {
      this.#wake()
      return
    }
    const delay = this.nextTimerDelay()
    if (delay === undefined) return // idle: a callSoon / callLater / stop wakes the loop
    if (this.#idleTimerSet) return
    this.#idleTimerSet = true
    this.#cancelIdle = this.sleepUntilTimer(delay, () => {
      this.#cancelIdle = undefined
      this.#idleTimerSet = false
      this.#wake()
    })
  }

  #runTimed(handle: Handle): void {
    const t0 = getClock().now()
    handle._run()
    const took = getClock().now() - t0
    if (took >= this.slowCallbackDuration) {
      getLogger('asyncio').error(
        `Executing ${handle.toString()} took ${(took / 1000).toFixed(3)} seconds`,
      )
    }
  }

  /** In debug mode, callbacks that run at least this many milliseconds are logged. @defaultValue 100 */
  slowCallbackDuration = 100
}

/** Microtask hops a paused batch waits for a step to report, before a macrotask fallback. */
const MAX_PAUSE_HOPS = 32

function closedError(): Error {
  return new Error('Event loop is closed')
}

const AsyncFunction = (async () => {}).constructor
const GeneratorFunction = function* () {}.constructor

/** Debug mode: a coroutine function given as a callback would never run its body. */
function checkNotCoroutine(where: string, callback: unknown): void {
  const ctor = (callback as { constructor?: unknown }).constructor
  if (ctor === AsyncFunction || ctor === GeneratorFunction) {
    throw new TypeError(`coroutines cannot be used with ${where}(): use createTask()`)
  }
}

function notCallable(where: string, value: unknown): TypeError {
  return new TypeError(`a callable object was expected by ${where}(), got ${describeValue(value)}`)
}

function describeContextValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const s = (value as { toString?: () => string }).toString?.()
    if (typeof s === 'string') return s
  }
  return String(value)
}

function before(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq)
}

function heapPush(heap: TimerHandle[], item: TimerHandle): void {
  heap.push(item)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    const p = heap[parent] as TimerHandle
    if (!before(item, p)) break
    heap[i] = p
    i = parent
  }
  heap[i] = item
}

function heapPop(heap: TimerHandle[]): TimerHandle | undefined {
  const top = heap[0]
  const last = heap.pop()
  if (heap.length === 0 || last === undefined) return top
  let i = 0
  const n = heap.length
  for (;;) {
    const l = 2 * i + 1
    if (l >= n) break
    const r = l + 1
    let c = l
    if (r < n && before(heap[r] as TimerHandle, heap[l] as TimerHandle)) c = r
    const child = heap[c] as TimerHandle
    if (!before(child, last)) break
    heap[i] = child
    i = c
  }
  heap[i] = last
  return top
}

/**
 * A new event loop (not set as current).
 *
 * CPython: `asyncio.new_event_loop`.
 *
 * @example
 * const loop = newEventLoop()
 * await loop.runUntilComplete(main)
 * loop.close()
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.new_event_loop | asyncio.new_event_loop}
 */
export function newEventLoop(): EventLoop {
  return new EventLoop()
}
