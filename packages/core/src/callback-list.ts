/**
 * An ordered list of done callbacks. The first callback is held inline, so the common case
 * (one callback) allocates no array; the list itself is made on the first `add`, so a Future
 * with no callbacks allocates nothing.
 *
 * The same function added twice is held (and later called) twice, as in CPython.
 *
 * CPython: the `_done_callbacks` list of both Future classes.
 *
 * @typeParam F the callback type; each is called with one argument (the future).
 * @example
 * const list = new CallbackList<(f: Future) => void>()
 * list.add(onDone)
 * list.callEach(future, (error) => log.error('exception calling callback', error))
 */
export class CallbackList<F extends (arg: never) => unknown> {
  #first: F | undefined = undefined
  #rest: F[] | undefined = undefined
  #size = 0

  /** How many callbacks are held. */
  get size(): number {
    return this.#size
  }

  /** Appends `fn`. */
  add(fn: F): void {
    if (this.#size === 0) this.#first = fn
    else if (this.#rest === undefined) this.#rest = [fn]
    else this.#rest.push(fn)
    this.#size++
  }

  /**
   * Removes every entry equal to `fn` (asyncio's `remove_done_callback` rule).
   * @returns how many entries were removed.
   */
  remove(fn: F): number {
    const all = this.toArray()
    const kept = all.filter((g) => g !== fn)
    const removed = all.length - kept.length
    if (removed > 0) {
      this.#first = kept[0]
      this.#rest = kept.length > 1 ? kept.slice(1) : undefined
      this.#size = kept.length
    }
    return removed
  }

  /** The callbacks, in the order they were added. */
  toArray(): F[] {
    if (this.#size === 0) return []
    const out = [this.#first as F]
    if (this.#rest !== undefined) for (const fn of this.#rest) out.push(fn)
    return out
  }

  /**
   * Calls each callback with `arg`, in order. A callback that throws is handed to `report`
   * and the rest still run (CPython logs it and goes on).
   */
  callEach(arg: Parameters<F>[0], report: (error: unknown, fn: F) => void): void {
    if (this.#size === 0) return
    const first = this.#first as F
    try {
      first(arg)
    } catch (error) {
      report(error, first)
    }
    const rest = this.#rest
    if (rest === undefined) return
    for (let i = 0; i < rest.length; i++) {
      const fn = rest[i] as F
      try {
        fn(arg)
      } catch (error) {
        report(error, fn)
      }
    }
  }
}
