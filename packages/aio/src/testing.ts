/**
 * `@futures/aio/testing`: {@link VirtualTimeLoop}, an event loop on virtual time.
 * @packageDocumentation
 * @module @futures/aio/testing
 */
import { EventLoop } from './event-loop.js'
import { scheduleMacrotask } from './host-node.js'

/**
 * Options for {@link VirtualTimeLoop}.
 *
 * CPython: none.
 *
 * @example
 * const loop = new VirtualTimeLoop({ start: 1_000 }) // loop.time() is 1_000
 */
export interface VirtualTimeLoopOptions {
  /** What `time()` reports at first, in milliseconds. @defaultValue 0 */
  readonly start?: number | undefined
}

/**
 * An {@link EventLoop} whose clock jumps to the next timer whenever nothing else is ready, so
 * an hour of sleeps runs in a few milliseconds, in a deterministic order. Pending microtasks
 * (async-function continuations) always run before the clock moves.
 *
 * It is an `EventLoop` of `@futures/aio` itself: tasks, futures, `getRunningLoop()` and
 * `currentTask()` all see it.
 *
 * CPython: none in the standard library; the idea of `asyncio`'s `test_utils.TestLoop` (a loop whose clock moves only with its timers).
 *
 * @example
 * const loop = new VirtualTimeLoop()
 * const t0 = loop.time()
 * await loop.runUntilComplete(async () => {
 *   await sleep(3_600_000)
 * })
 * loop.time() - t0 // 3_600_000, after a few real milliseconds
 * loop.close()
 */
export class VirtualTimeLoop extends EventLoop {
  #now: number
  #jump = false

  constructor(options: VirtualTimeLoopOptions = {}) {
    super()
    this.#now = options.start ?? 0
  }

  /** Virtual milliseconds. */
  override time(): number {
    return this.#now
  }

  /**
   * Moves the clock forward by hand (timers that fall due run in the next iteration).
   * @throws RangeError for a negative or NaN amount.
   */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance expects milliseconds >= 0, got ${ms}`)
    this.#now += ms
  }

  protected override sleepUntilTimer(_delayMs: number, wake: () => void): () => void {
    let cancelled = false
    // A fresh macrotask, so every pending microtask runs (and may queue work) before the jump.
    scheduleMacrotask(() => {
      if (cancelled) return
      this.#jump = true
      wake()
    })
    return () => {
      cancelled = true
    }
  }

  protected override onIterationStart(): void {
    if (!this.#jump) return
    this.#jump = false
    if (this.hasReady()) return
    // To the deadline itself: `now + (when - now)` can fall short of `when` in floating point.
    const when = this.nextTimerWhen()
    if (when !== undefined && when > this.#now) this.#now = when
  }
}
