import { type LoopContext, runInContext } from './context.js'
import type { EventLoop } from './event-loop.js'
import { outsideTaskContext } from './host-node.js'
import { sharedState } from './state.js'

const STATE = sharedState()

/**
 * A callback queued on an {@link EventLoop}.
 *
 * CPython: the `callback` of `loop.call_soon`.
 * @example
 * const greet: LoopCallback = (name: string) => console.log('hello', name)
 * loop.callSoon(greet, 'world')
 */
// biome-ignore lint/suspicious/noExplicitAny: callbacks take whatever arguments were queued with them
export type LoopCallback = (...args: any[]) => unknown

/**
 * A callback queued with {@link EventLoop.callSoon}: it can be cancelled until it runs.
 *
 * CPython: `asyncio.Handle`.
 *
 * @example
 * const handle = loop.callSoon(() => console.log('never'))
 * handle.cancel()
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle | asyncio.Handle}
 */
export class Handle {
  /** @internal */ _callback: LoopCallback | undefined
  /** @internal */ _args: readonly unknown[] | undefined
  /** @internal */ _cancelled = false
  /** @internal */ readonly _loop: EventLoop
  /** @internal The context captured when the callback was queued (CPython's `context`). */
  _context: LoopContext | undefined = undefined

  /** @internal Made by the loop; use `loop.callSoon`. */
  constructor(callback: LoopCallback, args: readonly unknown[] | undefined, loop: EventLoop) {
    this._callback = callback
    this._args = args
    this._loop = loop
  }

  /** The loop the callback is queued on. */
  getLoop(): EventLoop {
    return this._loop
  }

  /**
   * Stops the callback from running; a no-op if it already ran or was cancelled. The handle
   * drops the callback and its arguments.
   * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle.cancel | Handle.cancel}
   */
  cancel(): void {
    if (this._cancelled) return
    this._cancelled = true
    this._callback = undefined
    this._args = undefined
    this._context = undefined
  }

  /** Whether {@link Handle.cancel} was called. */
  cancelled(): boolean {
    return this._cancelled
  }

  /** `<Handle name(args)>`, or `<Handle cancelled>`. */
  toString(): string {
    const kind = this.constructor.name || 'Handle'
    if (this._cancelled) return `<${kind} cancelled>`
    return `<${kind} ${describeCallback(this._callback, this._args)}>`
  }

  /** @internal Runs the callback; a throw goes to the loop's exception handler. */
  _run(): void {
    const context = this._context
    if (context === undefined) {
      this._call()
      return
    }
    const callback = this._callback
    const args = this._args
    try {
      runInContext(context, this._callOutsideTask, this)
    } catch (exception) {
      // The context failed, not the callback (a `{ context }` that is no runner, or a runner
      // that throws): reported as the callback's, as CPython does, never out of the loop.
      this._report(exception, callback, args)
    }
  }

  /**
   * @internal The call in its captured context: no task's step, even when captured inside one
   * (CPython: `current_task()` is `None` in a callback).
   */
  _callOutsideTask(): void {
    if (STATE.taskContext === undefined) this._call()
    else outsideTaskContext(() => this._call())
  }

  /** @internal The call itself: a throw goes to the loop's exception handler. */
  _call(): void {
    const callback = this._callback as LoopCallback
    const args = this._args
    try {
      if (args === undefined) callback()
      else callback(...args)
    } catch (exception) {
      this._report(exception, callback, args)
    }
  }

  /** @internal Hands a throw to the loop's exception handler (CPython's message). */
  _report(exception: unknown, callback: unknown, args: readonly unknown[] | undefined): void {
    this._loop.callExceptionHandler({
      message: `Exception in callback ${describeCallback(callback, args)}`,
      exception,
      handle: this,
    })
  }
}

/**
 * A callback queued with {@link EventLoop.callLater} or {@link EventLoop.callAt}.
 *
 * CPython: `asyncio.TimerHandle`.
 *
 * @example
 * const timer = loop.callLater(1_000, () => console.log('late'))
 * timer.when() // loop.time() + 1_000 at the call
 * timer.cancel()
 * @see {@link https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.TimerHandle | asyncio.TimerHandle}
 */
export class TimerHandle extends Handle {
  /** @internal */ readonly _when: number
  /** @internal FIFO tie-break among equal deadlines. */ readonly _seq: number
  /** @internal Still in the loop's timer heap. */ _scheduled = true

  /** @internal Made by the loop; use `loop.callLater` / `loop.callAt`. */
  constructor(
    when: number,
    seq: number,
    callback: LoopCallback,
    args: readonly unknown[] | undefined,
    loop: EventLoop,
  ) {
    super(callback, args, loop)
    this._when = when
    this._seq = seq
  }

  /** The deadline, in milliseconds on the `loop.time()` clock. */
  when(): number {
    return this._when
  }

  override cancel(): void {
    if (!this._cancelled && this._scheduled) this._loop._timerCancelled(this)
    super.cancel()
  }

  override toString(): string {
    return this._cancelled
      ? '<TimerHandle cancelled>'
      : `<TimerHandle when=${this._when} ${describeCallback(this._callback, this._args)}>`
  }
}

/** `name(arg, …)` for messages, as CPython's handle repr. */
export function describeCallback(callback: unknown, args: readonly unknown[] | undefined): string {
  const name =
    typeof callback === 'function' ? callback.name || '(anonymous)' : String(callback as never)
  const shown = (args ?? []).map((a) => (typeof a === 'string' ? `'${a}'` : describeArg(a)))
  return `${name}(${shown.join(', ')})`
}

function describeArg(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const s = (value as { toString?: () => string }).toString?.()
    if (typeof s === 'string' && s !== '[object Object]') return s
    return `[object ${(value as object).constructor?.name ?? 'Object'}]`
  }
  return String(value)
}
