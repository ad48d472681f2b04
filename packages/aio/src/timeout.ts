import { asyncDispose, CancelledError, TimeoutError } from '@futures/core'
import { currentTask } from './current-task.js'
import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import type { Handle } from './handles.js'
import { at, soon } from './schedule.js'
import type { GeneratorCoroutine, Task } from './task.js'

/** The states of a {@link Timeout}, as its `toString()` shows them (CPython's `_State`). */
type TimeoutState = 'created' | 'active' | 'expiring' | 'expired' | 'finished'

/**
 * A deadline for a block of code in the current task (CPython's `asyncio.Timeout`). When it
 * passes, the task is cancelled; leaving the block turns that cancellation into a
 * `TimeoutError`. A cancel from outside (one the timeout did not cause) passes through as
 * `CancelledError`: the timeout compares the task's `cancelling()` with its value on entry.
 *
 * Make one with {@link timeout} or {@link timeoutAt}. Two forms:
 * - `await timeout(ms, async (t) => { … })`: throws `TimeoutError` (its `cause` is the
 *   `CancelledError`) if the deadline passed; with a generator function, `yield*` it.
 * - `await using t = timeout(ms)`: JavaScript hands a disposer no in-flight error, so an
 *   expired block ends with a `SuppressedError` whose `error` is the `TimeoutError` and whose
 *   `suppressed` is the `CancelledError` (and with a bare `TimeoutError` if the block
 *   swallowed the cancel). Prefer the callback form to catch `TimeoutError` directly.
 *
 * @example
 * await timeout(1_000, async (t) => {
 *   await longJob()
 *   t.reschedule(getRunningLoop().time() + 500) // more time
 * })
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout | asyncio.Timeout}
 */
export class Timeout {
  #state: TimeoutState = 'created'
  #when: number | undefined
  #handle: Handle | undefined = undefined
  #task: Task<unknown> | undefined = undefined
  #cancelling = 0
  #loop: EventLoop | undefined = undefined

  /** @param when the deadline on `loop.time()` (ms), or `undefined` for none. Prefer {@link timeoutAt}. */
  constructor(when: number | undefined) {
    this.#when = when
  }

  /** The deadline on `loop.time()` (ms), or `undefined` when disabled. */
  when(): number | undefined {
    return this.#when
  }

  /**
   * Sets a new deadline (`undefined` disables it). A deadline already past fires in the next
   * loop iteration.
   * @throws Error `Timeout has not been entered`, or `Cannot change state of <state> Timeout`
   *   once it expired or finished.
   */
  reschedule(when: number | undefined): void {
    if (this.#state !== 'active') {
      if (this.#state === 'created') throw new Error('Timeout has not been entered')
      throw new Error(`Cannot change state of ${this.#state} Timeout`)
    }
    this.#when = when
    this.#handle?.cancel()
    if (when === undefined) {
      this.#handle = undefined
      return
    }
    const loop = this.#loop as EventLoop
    this.#handle =
      when <= loop.time()
        ? soon(loop, () => this.#onTimeout())
        : at(loop, when, () => this.#onTimeout())
  }

  /** Whether the deadline passed (the cancellation is on its way, or was turned into `TimeoutError`). */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired'
  }

  /**
   * Enters the timeout in the current task (CPython's `__aenter__`); {@link timeout} and
   * {@link timeoutAt} return entered timeouts.
   * @returns this.
   * @throws Error `Timeout has already been entered`; `Timeout should be used inside a task`.
   */
  enter(): this {
    if (this.#state !== 'created') throw new Error('Timeout has already been entered')
    const loop = getRunningLoop()
    const task = currentTask(loop)
    if (task === undefined) throw new Error('Timeout should be used inside a task')
    this.#state = 'active'
    this.#task = task
    this.#loop = loop
    this.#cancelling = task.cancelling()
    this.reschedule(this.#when)
    return this
  }

  /**
   * Leaves the block (CPython's `__aexit__`). `failed`/`error` say how the block ended.
   * @throws `TimeoutError` (cause: the `CancelledError`) if this timeout's own cancellation
   *   ended the block; otherwise `error` again if the block failed.
   */
  exit(failed: boolean, error?: unknown): void {
    if (this.#state !== 'active' && this.#state !== 'expiring') {
      if (failed) throw error
      return
    }
    this.#handle?.cancel()
    this.#handle = undefined
    if (this.#state === 'expiring') {
      this.#state = 'expired'
      const task = this.#task as Task<unknown>
      if (task.uncancel() <= this.#cancelling && failed && error instanceof CancelledError) {
        throw new TimeoutError('', { cause: error })
      }
    } else this.#state = 'finished'
    if (failed) throw error
  }

  /** `await using`: leaves the block, not knowing how it ended (see the class notes). */
  async [asyncDispose](): Promise<void> {
    if (this.#state === 'expiring') {
      this.#state = 'expired'
      this.#handle = undefined
      const task = this.#task as Task<unknown>
      if (task.uncancel() <= this.#cancelling) throw new TimeoutError('')
      return
    }
    this.exit(false)
  }

  /** `<Timeout [active] when=1000>`, `<Timeout [expired]>`, … */
  toString(): string {
    const when = this.#state === 'active' ? ` when=${this.#when ?? 'None'}` : ''
    return `<Timeout [${this.#state}]${when}>`
  }

  #onTimeout(): void {
    if (this.#state !== 'active') return
    ;(this.#task as Task<unknown>).cancel()
    this.#state = 'expiring'
    this.#handle = undefined
  }
}

type Body<T> = (t: Timeout) => PromiseLike<T> | T
type GeneratorBody<T> = (t: Timeout) => GeneratorCoroutine<T>

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown

/** Runs `body` inside the entered timeout `t`. */
function within<T>(
  t: Timeout,
  body: Body<T> | GeneratorBody<T>,
): Promise<T> | GeneratorCoroutine<T> {
  if (body.constructor === GeneratorFunction) {
    return (function* (): GeneratorCoroutine<T> {
      t.enter()
      let value: T
      try {
        value = yield* (body as GeneratorBody<T>)(t)
      } catch (error) {
        t.exit(true, error)
        throw error
      }
      t.exit(false)
      return value
    })()
  }
  t.enter()
  return (async (): Promise<T> => {
    let value: T
    try {
      value = await (body as Body<T>)(t)
    } catch (error) {
      t.exit(true, error)
      throw error
    }
    t.exit(false)
    return value
  })()
}

/**
 * A {@link Timeout} `delayMs` from now (`undefined`: none), entered in the current task:
 * `await using t = timeout(ms)`, or `await timeout(ms, async (t) => …)` (a generator function
 * gives a generator to `yield*`). When the delay passes, the block is cancelled and
 * `TimeoutError` surfaces.
 *
 * CPython: `asyncio.timeout`.
 *
 * @throws Error without a running loop or outside a task.
 * @example
 * try {
 *   await timeout(5_000, async () => { await download() })
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log('gave up')
 * }
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout | asyncio.timeout}
 */
export function timeout(delayMs: number | undefined): Timeout
export function timeout<T>(
  delayMs: number | undefined,
  body: GeneratorBody<T>,
): GeneratorCoroutine<T>
export function timeout<T>(delayMs: number | undefined, body: Body<T>): Promise<T>
export function timeout<T>(
  delayMs: number | undefined,
  body?: Body<T> | GeneratorBody<T>,
): Timeout | Promise<T> | GeneratorCoroutine<T> {
  checkMs(delayMs, 'delay')
  const when = delayMs === undefined ? undefined : getRunningLoop().time() + delayMs
  const t = new Timeout(when)
  return body === undefined ? t.enter() : within(t, body)
}

/**
 * A {@link Timeout} at `when` on the `loop.time()` clock (ms; `undefined`: none), entered in
 * the current task; used as {@link timeout}.
 *
 * CPython: `asyncio.timeout_at`.
 *
 * @throws Error without a running loop or outside a task.
 * @example
 * const loop = getRunningLoop()
 * await timeoutAt(loop.time() + 1_000, async () => { await work() })
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout_at | asyncio.timeout_at}
 */
export function timeoutAt(when: number | undefined): Timeout
export function timeoutAt<T>(
  when: number | undefined,
  body: GeneratorBody<T>,
): GeneratorCoroutine<T>
export function timeoutAt<T>(when: number | undefined, body: Body<T>): Promise<T>
export function timeoutAt<T>(
  when: number | undefined,
  body?: Body<T> | GeneratorBody<T>,
): Timeout | Promise<T> | GeneratorCoroutine<T> {
  checkMs(when, 'when')
  const t = new Timeout(when)
  return body === undefined ? t.enter() : within(t, body)
}

function checkMs(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value))) {
    throw new TypeError(
      `${name} must be a number of milliseconds or undefined, got ${String(value)}`,
    )
  }
}
