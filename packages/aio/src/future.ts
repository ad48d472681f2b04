import {
  AIO_FUTURE_BRAND,
  type AioFutureState,
  CANCELLED,
  CancelledError,
  FINISHED,
  InvalidStateError,
  PENDING,
  typeLabel,
} from '@futures/core'
import { checkContextOption, type LoopContext } from './context.js'
import type { EventLoop } from './event-loop.js'
import { getEventLoop } from './events.js'
import { describeCallback } from './handles.js'
import { captureContext } from './host-node.js'
import {
  kAddCallback,
  kAddWakeup,
  kAwaiting,
  kBlocking,
  kCancelBase,
  kCancelMessage,
  kCancelWithError,
  kResumed,
  kSetExceptionBase,
  kSetResultBase,
  kSetResultInline,
  kStepEnd,
} from './internal.js'
import { soon } from './schedule.js'
import { sharedState } from './state.js'

const STATE = sharedState()
const inspectCustom = Symbol.for('nodejs.util.inspect.custom')

/**
 * A done callback: called with the future, through `loop.callSoon`.
 *
 * CPython: the `fn` of `Future.add_done_callback`.
 *
 * @example
 * const log: DoneCallback<number> = (f) => console.log(f.cancelled() ? 'cancelled' : f.result())
 * fut.addDoneCallback(log)
 */
export type DoneCallback<T> = (future: Future<T>) => void

/**
 * Runs a callback in a captured context: on Node, every `AsyncLocalStorage` store as it was
 * when the context was captured. `AsyncLocalStorage.snapshot()` returns one. CPython's
 * `context=` (a `contextvars.Context`, whose `run` this is).
 * @example
 * fut.addDoneCallback(onDone, { context: AsyncLocalStorage.snapshot() })
 */
export type CallbackContext = (fn: () => void) => void

/**
 * Options for {@link Future.addDoneCallback}.
 *
 * CPython: the `context` parameter of `Future.add_done_callback`.
 *
 * @example
 * fut.addDoneCallback(onDone, { context: AsyncLocalStorage.snapshot() })
 */
export interface DoneCallbackOptions {
  /** Runs the callback inside this context (e.g. `AsyncLocalStorage.snapshot()`). */
  readonly context?: CallbackContext | undefined
}

/**
 * Options for the {@link Future} constructor.
 *
 * CPython: the `loop` parameter of `asyncio.Future(loop=...)`.
 *
 * @example
 * const fut = new Future<number>({ loop })
 */
export interface FutureOptions {
  /** The loop the future belongs to. @defaultValue the running loop, else the current one */
  readonly loop?: EventLoop | undefined
}

/** What a task that awaits through `then` must be told (see task.ts). */
interface AwaitingTask {
  [kAwaiting](future: Future<unknown>): unknown
  [kResumed](future: Future<unknown>, wakeup?: boolean): CancelledError | undefined
}

type Settle = (value: unknown) => void

/** A pending `then`: settled from a loop callback, like any done callback. */
class ThenWaiter {
  constructor(
    readonly resolve: Settle,
    readonly reject: Settle,
    readonly task: AwaitingTask | undefined,
    /** Fulfils the promise `then` returned (with `undefined`, what the resolvers return). */
    readonly after: Settle,
  ) {}
}

/** A done callback with a context. */
class ContextEntry {
  constructor(
    readonly fn: DoneCallback<never>,
    readonly context: LoopContext,
  ) {}
}

type Entry = DoneCallback<never> | ThenWaiter | ContextEntry

interface Unretrieved {
  loop: EventLoop
  exception: unknown
  message: string
  description: string
}

let isFast: (x: unknown) => boolean = () => false

function noop(): void {}

const kIsWakeup = Symbol('@futures/aio/Future.isWakeup')

/** Whether `fn` is a task's wakeup (added through `kAddWakeup`). */
function isWakeup(fn: object): boolean {
  return (fn as Partial<Record<typeof kIsWakeup, true>>)[kIsWakeup] === true
}

function passValue<V>(value: V): V {
  return value
}

function rethrow(error: unknown): never {
  throw error
}

/** @internal Prototypes whose `constructor` is the await getter, by kind name. */
export const kindPrototypes: { task: object | undefined } = { task: undefined }

/** @internal Installs the await getter on a subclass (Task). */
export function installAwaitConstructor(cls: abstract new (...args: never[]) => unknown): void {
  defineAwaitConstructor(cls)
}

function isThenable(x: unknown): boolean {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    typeof (x as { then?: unknown }).then === 'function'
  )
}

let unretrievedRegistry: FinalizationRegistry<Unretrieved> | undefined

function registry(): FinalizationRegistry<Unretrieved> {
  if (unretrievedRegistry === undefined) {
    unretrievedRegistry = new FinalizationRegistry((held) => {
      held.loop.callExceptionHandler({
        message: held.message,
        exception: held.exception,
        future: held.description,
      })
    })
  }
  return unretrievedRegistry
}

const functionSource = Function.prototype.toString
const NATIVE_SOURCE = functionSource.call(Function.prototype.bind.call(() => {}, null))

/**
 * Whether `then` was called by `await` (or a promise being resolved with the future): the
 * two resolving functions V8 passes are anonymous native functions of length 1. Then no
 * derived promise is needed, and settling them at once is safe.
 */
function isResolvingPair(a: unknown, b: unknown): boolean {
  // Cheap tests first; the source text (which allocates) only of `b`: a user's
  // `then(v => …, e => …)` fails there, and both functions come from one promise capability.
  return (
    typeof a === 'function' &&
    typeof b === 'function' &&
    a.name === '' &&
    b.name === '' &&
    a.length === 1 &&
    b.length === 1 &&
    functionSource.call(b) === NATIVE_SOURCE
  )
}

/** Whether a stored callback entry is a registration of `fn`. */
function isEntryOf(entry: Entry, fn: unknown): boolean {
  return entry === fn || (entry instanceof ContextEntry && entry.fn === fn)
}

function settleWaiter(future: Future, waiter: ThenWaiter): void {
  const cancel = waiter.task?.[kResumed](future, true)
  if (cancel !== undefined) waiter.reject(cancel)
  else future._settle(waiter.resolve, waiter.reject)
  waiter.after(undefined)
}

/** A plain promise and its resolve function, without a closure per call. */
function derivedPromise(): Promise<never> {
  return new Promise<never>(captureResolve as never)
}

function takeCaptured(): Settle {
  const resolve = capturedResolve as Settle
  capturedResolve = undefined
  return resolve
}

let capturedResolve: Settle | undefined
function captureResolve(resolve: Settle): void {
  capturedResolve = resolve
}

/**
 * Makes `await fut` take V8's native path once `fut` holds a plain result: `await` reads
 * `fut.constructor`, and only a promise whose constructor is `Promise` is awaited directly
 * (one microtask, no `then` call). Pending, failed and cancelled futures answer their class,
 * so `await` calls {@link Future.then}: the awaiting task is tracked, an exception is marked
 * retrieved, each cancelled read gets its own `CancelledError`.
 */
function defineAwaitConstructor(cls: abstract new (...args: never[]) => unknown): void {
  Object.defineProperty(cls.prototype, 'constructor', {
    get(this: unknown) {
      return isFast(this) ? Promise : cls
    },
    configurable: true,
  })
}

/**
 * asyncio's Future: a result that arrives on an {@link EventLoop}. Await it in an async
 * function (`await fut`) or in a generator coroutine (`const v = yield* fut`).
 *
 * Done callbacks are **always scheduled with `loop.callSoon`**, never run inline, even when
 * the future is already done. Reading a pending future is an `InvalidStateError`; there is no
 * timeout (await it instead).
 *
 * CPython: `asyncio.Future`.
 *
 * @typeParam T the result type.
 * @example
 * const fut = loop.createFuture<number>()
 * loop.callLater(10, () => fut.setResult(42))
 * console.log(await fut) // 42, inside a task of `loop`
 * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future | asyncio.Future}
 */
export class Future<T = unknown> extends Promise<T> implements PromiseLike<T> {
  static {
    Object.defineProperty(Future.prototype, AIO_FUTURE_BRAND, { value: true })
    defineAwaitConstructor(Future)
    isFast = (x) => typeof x === 'object' && x !== null && #fast in x && x.#fast
  }

  /** Promise methods inherited (`finally`, `catch` chains) make plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise
  }

  /** The brand that marks an aio Future, across package copies and realms. */
  declare readonly [AIO_FUTURE_BRAND]: true

  #loop: EventLoop
  #state: AioFutureState = PENDING
  /** The result, the exception, or (cancelled) the cancel message or the error to hand out first. */
  #value: unknown = undefined
  #failed = false
  /** Resolves the underlying native promise (with a plain result only). */
  #resolve: Settle
  /** The native promise holds the result: `await` may take the native path. */
  #fast = false
  /** One entry, or several in order (most futures have one waiter: no array for it). */
  #callbacks: Entry | Entry[] | undefined = undefined
  #logTraceback = false
  /** Cancelled by a coroutine raising `CancelledError`, not by `cancel()`. */
  #raisedCancel = false
  /** @internal CPython's `_asyncio_future_blocking`: set while `yield*` hands the future to a task. */
  declare [kBlocking]: boolean
  static {
    // On the prototype, so that only futures awaited with `yield*` get an own property.
    Object.defineProperty(Future.prototype, kBlocking, { value: false, writable: true })
  }

  /**
   * @param options `loop`: the loop to bind to; by default the running loop, else the one set
   *   with `setEventLoop`. Prefer `loop.createFuture()`.
   * @throws Error if no loop is given and there is neither a running nor a current loop.
   */
  constructor(options: FutureOptions = {}) {
    super(captureResolve as never)
    this.#resolve = capturedResolve as Settle
    capturedResolve = undefined
    if (typeof options === 'function') {
      throw new TypeError(
        'Future is not a promise constructor: use Promise for Promise.resolve/all',
      )
    }
    this.#loop = options.loop ?? getEventLoop()
  }

  /** The loop this future belongs to. */
  getLoop(): EventLoop {
    return this.#loop
  }

  /** Whether the future has a result, an exception, or was cancelled. */
  done(): boolean {
    return this.#state !== PENDING
  }

  /** Whether the future was cancelled. */
  cancelled(): boolean {
    return this.#state === CANCELLED
  }

  /**
   * The result of a done future.
   * @throws the exception set on the future (the very value); `CancelledError` carrying the
   *   cancel message; `InvalidStateError('Result is not set.')` if pending.
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.result | Future.result}
   */
  result(): T {
    const state = this.#state
    if (state === CANCELLED) throw this.#makeCancelledError()
    if (state === PENDING) throw new InvalidStateError('Result is not set.')
    if (this.#failed) {
      this.#retrieved()
      throw this.#value
    }
    return this.#value as T
  }

  /**
   * The exception of a done future, `undefined` if it succeeded.
   * @throws `CancelledError` if cancelled; `InvalidStateError('Exception is not set.')` if pending.
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.exception | Future.exception}
   */
  exception(): unknown {
    const state = this.#state
    if (state === CANCELLED) throw this.#makeCancelledError()
    if (state === PENDING) throw new InvalidStateError('Exception is not set.')
    this.#retrieved()
    return this.#failed ? this.#value : undefined
  }

  /**
   * Cancels a pending future; its callbacks are scheduled. A `CancelledError` carrying `msg`
   * is what awaiting or reading the future then throws.
   * @returns `true` if cancelled now; `false` if it was already done (a second `cancel()`
   *   included; the concurrent Future answers `true` there).
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.cancel | Future.cancel}
   */
  cancel(msg?: string | undefined): boolean {
    return this[kCancelBase](msg)
  }

  /**
   * Schedules `fn(future)` with `loop.callSoon` once the future is done; at once (still
   * through `callSoon`) if it is already done.
   * @throws TypeError if `fn` is not a function.
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.add_done_callback | Future.add_done_callback}
   */
  addDoneCallback(fn: DoneCallback<T>, options: DoneCallbackOptions = {}): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`addDoneCallback expects a function, got ${typeLabel(fn)}`)
    }
    checkContextOption(options.context, 'addDoneCallback')
    // CPython: without `context`, the callback runs in a copy of the context current now.
    const context = options.context ?? captureContext()
    this.#add(new ContextEntry(fn as DoneCallback<never>, context))
  }

  /** @internal `addDoneCallback` for the package's own callbacks: no captured context. */
  [kAddCallback](fn: DoneCallback<never>): void {
    this.#add(fn)
  }

  /**
   * Removes every registration of `fn`.
   * @returns how many were removed (`0` once the future is done: the calls are already queued).
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.remove_done_callback | Future.remove_done_callback}
   */
  removeDoneCallback(fn: DoneCallback<T>): number {
    const callbacks = this.#callbacks
    if (callbacks === undefined) return 0
    if (!Array.isArray(callbacks)) {
      // The common case (one waiter on the future).
      if (!isEntryOf(callbacks, fn)) return 0
      this.#callbacks = undefined
      return 1
    }
    const kept = callbacks.filter((e) => !isEntryOf(e, fn))
    const removed = callbacks.length - kept.length
    if (removed > 0) {
      this.#callbacks = kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : kept
    }
    return removed
  }

  /**
   * Completes the future with `value`; callbacks are scheduled, none runs now.
   * @throws InvalidStateError if the future is done.
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.set_result | Future.set_result}
   */
  setResult(value: T): void {
    this[kSetResultBase](value)
  }

  /**
   * Fails the future with `exception`, any value (`undefined` included). If nobody reads it
   * before the future is collected, the loop's exception handler gets `'Future exception was
   * never retrieved'`.
   * @throws InvalidStateError if the future is done.
   * @see {@link https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.set_exception | Future.set_exception}
   */
  setException(exception: unknown): void {
    this[kSetExceptionBase](exception)
  }

  /**
   * Makes the future awaitable (`await fut`). Inside an async-function task it also tells the
   * task which future it awaits, so `task.cancel()` reaches it.
   */
  // biome-ignore lint/suspicious/noThenProperty: an aio Future is awaitable by design (DESIGN.md)
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null | undefined,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null | undefined,
  ): Promise<R1 | R2> {
    const context = STATE.taskContext
    const store = context === undefined ? undefined : context.getStore()
    const task =
      store !== undefined && typeof (store as AwaitingTask)[kAwaiting] === 'function'
        ? (store as AwaitingTask)
        : undefined
    if (isResolvingPair(onfulfilled, onrejected)) {
      // `await` (or a promise's own resolvers, `fut.then(resolve, reject)`): no derived promise
      // chain is needed, only one that fulfils with `undefined` (what the resolvers return)
      // once they were called, for a caller that chains on it.
      const derived = derivedPromise()
      const after = takeCaptured()
      // `await` of a future that already has a result, outside a task: no step boundary,
      // as in CPython; settle at once.
      if (task === undefined && this.#state === FINISHED && !this.#failed) {
        ;(onfulfilled as Settle)(this.#value)
        after(undefined)
      } else this.#subscribe(onfulfilled as Settle, onrejected as Settle, task, after)
      return derived
    }
    // A derived promise (`fut.then(f, g)`, `finally`): an observer, not an await of the task.
    return new Promise<T>((resolve, reject) => {
      this.#subscribe(resolve as Settle, reject, undefined, noop)
    }).then(onfulfilled, onrejected)
  }

  /**
   * A plain promise settled like the future, after `onfinally` ran. (V8's own `finally`
   * calls `then` with two native functions, which {@link Future.then} takes for `await`.)
   */
  override finally(onfinally?: (() => void) | null | undefined): Promise<T> {
    return this.then(passValue, rethrow).finally(onfinally)
  }

  /** `yield* fut` in a generator coroutine: hands the future to the task once, then returns its result. */
  *[Symbol.iterator](): Generator<Future<T>, T, unknown> {
    if (this.#state === PENDING) {
      this[kBlocking] = true
      yield this
    }
    if (this.#state === PENDING) throw new Error("await wasn't used with future")
    return this.result()
  }

  /** `<Future pending>`, `<Future finished result=7>`, `<Future cancelled>`, … */
  override toString(): string {
    return `<${this._kind()} ${this._describeState()}>`
  }

  /** How Node's `util.inspect` (and so `console.log`) shows the future. */
  [inspectCustom](): string {
    return this.toString()
  }

  /** @internal The class name for messages (`constructor` is reserved for `await`). */
  _kind(): string {
    let proto: unknown = Object.getPrototypeOf(this)
    while (proto !== null && proto !== undefined) {
      const own = Object.getOwnPropertyDescriptor(proto, 'constructor')
      if (own !== undefined && typeof own.value === 'function') return own.value.name || 'Future'
      if (proto === Future.prototype) return 'Future'
      if (proto === kindPrototypes.task) return 'Task'
      proto = Object.getPrototypeOf(proto)
    }
    return 'Future'
  }

  /** @internal */
  _describeState(): string {
    const state = this.#state
    if (state === PENDING) {
      const callbacks = this.#callbacks
      const n = callbacks === undefined ? 0 : Array.isArray(callbacks) ? callbacks.length : 1
      return n === 0 ? 'pending' : `pending cb=[${n}]`
    }
    if (state === CANCELLED) return 'cancelled'
    return this.#failed
      ? `finished exception=${describeOutcome(this.#value)}`
      : `finished result=${describeOutcome(this.#value)}`
  }

  /** @internal Calls `resolve`/`reject` with the outcome of this done future. */
  _settle(resolve: Settle, reject: Settle): void {
    if (this.#state === FINISHED && !this.#failed) {
      resolve(this.#value)
      return
    }
    let error: unknown
    if (this.#state === CANCELLED) error = this.#makeCancelledError()
    else {
      this.#retrieved()
      error = this.#value
    }
    reject(error)
  }

  /** @internal Future's own cancel, which Task's cancel builds on. */
  [kCancelBase](msg: string | undefined): boolean {
    this.#retrieved()
    if (this.#state !== PENDING) return false
    this.#state = CANCELLED
    this.#value = msg === undefined ? undefined : String(msg)
    this.#scheduleCallbacks()
    return true
  }

  /** @internal Ends cancelled with `error` (a coroutine raised CancelledError). */
  [kCancelWithError](error: CancelledError): void {
    if (this.#state !== PENDING) return
    this.#state = CANCELLED
    this.#value = error
    this.#raisedCancel = true
    this.#scheduleCallbacks()
  }

  /**
   * @internal The message given to `cancel()` (CPython's `_cancel_message`): `undefined` when
   * not cancelled through `cancel()`, as when a coroutine raised `CancelledError` itself.
   */
  [kCancelMessage](): string | undefined {
    if (this.#state !== CANCELLED || this.#raisedCancel) return undefined
    const stored = this.#value
    return stored instanceof CancelledError ? stored.message : (stored as string | undefined)
  }

  /** @internal */
  [kSetResultBase](value: T): void {
    if (this.#state !== PENDING) throw this.#invalidState()
    this.#value = value
    this.#state = FINISHED
    if (!isThenable(value)) {
      this.#fast = true
      this.#resolve(value)
    }
    this.#scheduleCallbacks()
  }

  /** @internal */
  [kSetExceptionBase](exception: unknown): void {
    if (this.#state !== PENDING) throw this.#invalidState()
    this.#value = exception
    this.#failed = true
    this.#state = FINISHED
    this.#logTraceback = true
    // V8 formats an error's stack lazily and keeps the frames' receivers (this very future or
    // task) until then: the registry holding the exception would keep the future alive, and it
    // would never be reported. Formatting it now lets them go.
    if (typeof exception === 'object' && exception !== null) {
      try {
        void (exception as { stack?: unknown }).stack
      } catch {
        // a throwing `stack` getter: nothing to release
      }
    }
    registry().register(
      this,
      {
        loop: this.#loop,
        exception,
        message: `${this._kind() === 'Task' ? 'Task' : 'Future'} exception was never retrieved`,
        description: this.toString(),
      },
      this,
    )
    this.#scheduleCallbacks()
  }

  /**
   * @internal Completes the future from inside a loop callback and runs its callbacks right
   * there, not one iteration later: `sleep(0)` is then exactly one iteration, like CPython's
   * bare `yield`.
   */
  [kSetResultInline](value: T): void {
    if (this.#state !== PENDING) return
    this.#value = value
    this.#state = FINISHED
    if (!isThenable(value)) {
      this.#fast = true
      ;(this.#resolve as Settle)(value)
    }
    const callbacks = this.#callbacks
    if (callbacks === undefined) return
    this.#callbacks = undefined
    if (!Array.isArray(callbacks)) this.#runInline(callbacks)
    else for (let i = 0; i < callbacks.length; i++) this.#runInline(callbacks[i] as Entry)
  }

  #runInline(entry: Entry): void {
    // Only task wakeups run here; a user's done callback is still scheduled (DESIGN: never
    // called synchronously).
    if (!(entry instanceof ThenWaiter) && !(typeof entry === 'function' && isWakeup(entry))) {
      this.#scheduleOne(entry)
      return
    }
    try {
      if (typeof entry === 'function') (entry as DoneCallback<unknown>)(this)
      else settleWaiter(this as Future, entry)
    } catch (exception) {
      this.#loop.callExceptionHandler({
        message: `Exception in callback ${describeCallback(entry, [this])}`,
        exception,
        future: this,
      })
    }
  }

  /** @internal A done callback for a task's wakeup (no `fn.name` checks, no context). */
  [kAddWakeup](fn: DoneCallback<never>): void {
    if (!isWakeup(fn)) (fn as Partial<Record<typeof kIsWakeup, true>>)[kIsWakeup] = true
    this.#add(fn)
  }

  #add(entry: Entry): void {
    if (this.#state !== PENDING) {
      this.#scheduleOne(entry)
      return
    }
    this.#push(entry)
  }

  #push(entry: Entry): void {
    const callbacks = this.#callbacks
    if (callbacks === undefined) this.#callbacks = entry
    else if (Array.isArray(callbacks)) callbacks.push(entry)
    else this.#callbacks = [callbacks, entry]
  }

  #subscribe(resolve: Settle, reject: Settle, task: AwaitingTask | undefined, after: Settle): void {
    if (task !== undefined) {
      const refusal = task[kAwaiting](this as Future<unknown>)
      if (refusal !== undefined) {
        reject(refusal)
        after(undefined)
        return
      }
    }
    if (this.#state !== PENDING) {
      const cancel = task?.[kResumed](this as Future<unknown>)
      if (cancel !== undefined) reject(cancel)
      else this._settle(resolve, reject)
      after(undefined)
      return
    }
    this.#push(new ThenWaiter(resolve, reject, task, after))
    // The task suspends here: its step is over, the loop's paused batch may go on.
    if (task !== undefined) this.#loop[kStepEnd](task)
  }

  #scheduleCallbacks(): void {
    const callbacks = this.#callbacks
    if (callbacks === undefined) return
    this.#callbacks = undefined
    if (!Array.isArray(callbacks)) this.#scheduleOne(callbacks)
    else for (let i = 0; i < callbacks.length; i++) this.#scheduleOne(callbacks[i] as Entry)
  }

  #scheduleOne(entry: Entry): void {
    const loop = this.#loop
    if (typeof entry === 'function') soon(loop, entry, [this])
    else if (entry instanceof ThenWaiter) soon(loop, settleWaiter, [this, entry])
    else soon(loop, entry.fn, [this])._context = entry.context
  }

  #retrieved(): void {
    if (this.#logTraceback) {
      this.#logTraceback = false
      unretrievedRegistry?.unregister(this)
    }
  }

  #makeCancelledError(): CancelledError {
    const stored = this.#value
    if (stored instanceof CancelledError) {
      // CPython: the first read gets the very error; later reads a new one (DESIGN AT-08:
      // with the message kept).
      this.#value = stored.message
      return stored
    }
    return new CancelledError((stored as string | undefined) ?? '')
  }

  #invalidState(): InvalidStateError {
    return new InvalidStateError(`${this.#state}: ${this.toString()}`)
  }
}

function describeOutcome(value: unknown): string {
  if (value instanceof Error) return `${value.name}(${JSON.stringify(value.message)})`
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'object' && value !== null) return typeLabel(value)
  return String(value)
}
