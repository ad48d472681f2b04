import { type Clock, setClock, type TimerId } from './clock.js'

/**
 * A {@link Clock} that moves only when told to: `advance(ms)` fires, synchronously and in
 * deadline order (FIFO for equal deadlines), every timer that falls due. Install it with
 * {@link ManualClock.install} (or `setClock`) and every `@futures` timeout runs on it: instant
 * and deterministic tests of timeouts, with no wall-clock waiting.
 *
 * CPython: none (Python tests patch `time.monotonic`). For aio code, use `VirtualTimeLoop`
 * from `@futures/aio/testing` instead: the loop keeps its own time.
 *
 * @example
 * const clock = new ManualClock()
 * const restore = clock.install()
 * try {
 *   const read = future.result(1_000)
 *   clock.advance(1_000) // the timeout fires now
 *   await expect(read).rejects.toThrow(TimeoutError)
 * } finally {
 *   restore()
 * }
 */
export class ManualClock implements Clock {
  #now: number
  #nextId = 1
  readonly #timers = new Map<number, { due: number; callback: () => void }>()

  /** @param startMs the time `now()` reports before any `advance`. */
  constructor(startMs = 0) {
    this.#now = startMs
  }

  now(): number {
    return this.#now
  }

  setTimeout(callback: () => void, delayMs: number): TimerId {
    const id = this.#nextId++
    this.#timers.set(id, { due: this.#now + Math.max(0, delayMs), callback })
    return id
  }

  clearTimeout(id: TimerId): void {
    this.#timers.delete(id as number)
  }

  /** How many timers are still armed. */
  get pendingTimers(): number {
    return this.#timers.size
  }

  /** The delays of the armed timers, counted from now, in the order they were set. */
  get delays(): number[] {
    return Array.from(this.#timers.values(), (t) => t.due - this.#now)
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms
    for (;;) {
      let nextId: number | undefined
      let nextDue = Number.POSITIVE_INFINITY
      // Map iteration is insertion order and `<` keeps the first of equal deadlines: FIFO.
      for (const [id, timer] of this.#timers) {
        if (timer.due <= target && timer.due < nextDue) {
          nextDue = timer.due
          nextId = id
        }
      }
      if (nextId === undefined) break
      const timer = this.#timers.get(nextId)
      this.#timers.delete(nextId)
      this.#now = nextDue
      timer?.callback()
    }
    this.#now = target
  }

  /**
   * Makes this the process clock.
   * @returns a function that puts the previous clock back.
   */
  install(): () => void {
    const previous = setClock(this)
    return () => {
      setClock(previous)
    }
  }
}
