/**
 * The group-wait algorithm behind `wait` and `asCompleted`, written once for both Future kinds
 * (CPython's `concurrent.futures._base` waiters). A Future kind plugs in through a
 * {@link GroupWaitProtocol}: how to tell that a future counts as done, whether it failed, and
 * how to hang a waiter on it. The wrappers decide how to hand out the outcome (a Promise, an aio
 * Future) and own the timers.
 * @module
 */

/**
 * Return when any future finishes or is cancelled.
 *
 * CPython: `concurrent.futures.FIRST_COMPLETED` / `asyncio.FIRST_COMPLETED`.
 * @example
 * const { done } = await wait(futures, { returnWhen: FIRST_COMPLETED })
 */
export const FIRST_COMPLETED = 'FIRST_COMPLETED'
/**
 * Return when any future finishes by raising; if none does, as {@link ALL_COMPLETED}.
 *
 * CPython: `concurrent.futures.FIRST_EXCEPTION` / `asyncio.FIRST_EXCEPTION`.
 * @example
 * const { done, notDone } = await wait(futures, { returnWhen: FIRST_EXCEPTION })
 */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION'
/**
 * Return when every future is done.
 *
 * CPython: `concurrent.futures.ALL_COMPLETED` / `asyncio.ALL_COMPLETED`.
 * @example
 * const { done } = await wait(futures, { returnWhen: ALL_COMPLETED }) // the default
 */
export const ALL_COMPLETED = 'ALL_COMPLETED'

/**
 * The `returnWhen` values of `wait`. CPython: the `return_when` constants.
 * @example
 * const when: ReturnWhen = FIRST_EXCEPTION
 */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED

/**
 * Checks a `returnWhen` argument; we always check at the call (CPython checks only when it has
 * to wait).
 * CPython: the `ValueError` check in `asyncio.wait` (concurrent.futures checks later).
 * @throws RangeError `Invalid return condition: 'BOGUS'` (CPython's ValueError message).
 * @example
 * toReturnWhen('FIRST_COMPLETED') // 'FIRST_COMPLETED'
 * toReturnWhen('BOGUS') // throws RangeError
 */
export function toReturnWhen(value: unknown): ReturnWhen {
  if (value === FIRST_COMPLETED || value === FIRST_EXCEPTION || value === ALL_COMPLETED) {
    return value
  }
  const shown = typeof value === 'string' ? `'${value}'` : String(value)
  throw new RangeError(`Invalid return condition: ${shown}`)
}

/**
 * Options of `wait`, the same for both Future kinds.
 *
 * CPython: the `timeout` and `return_when` parameters of `concurrent.futures.wait` and `asyncio.wait`.
 * @example
 * const options: WaitOptions = { timeout: 1_000, returnWhen: FIRST_COMPLETED }
 */
export interface WaitOptions {
  /**
   * Milliseconds to wait; `undefined` waits forever, `0` or less takes a snapshot and returns.
   * When it passes, `wait` resolves with what is done and what is not: it never fails with a
   * timeout and cancels nothing.
   * @example 1_000
   */
  readonly timeout?: number | undefined
  /**
   * When to return: `FIRST_COMPLETED`, `FIRST_EXCEPTION` or `ALL_COMPLETED`.
   * @defaultValue `ALL_COMPLETED`
   */
  readonly returnWhen?: ReturnWhen | undefined
}

/** Told each time a future it watches becomes done (for `wait`'s purposes). CPython: `concurrent.futures._base._Waiter`. */
export interface CompletionWaiter<F> {
  /** `future` just became done: finished, or (concurrent) cancelled and notified. */
  onCompleted(future: F): void
}

/**
 * How the group-wait algorithm sees one Future kind. CPython: none (each module has its own
 * waiters); it is what lets one algorithm serve both kinds.
 */
export interface GroupWaitProtocol<F> {
  /** Whether `future` counts as done for `wait`/`asCompleted` right now. */
  isSettled(future: F): boolean
  /** Whether a settled `future` finished with an exception (a cancelled one did not). */
  isFailed(future: F): boolean
  /** Calls `waiter.onCompleted(future)` once `future` becomes done. */
  subscribe(future: F, waiter: CompletionWaiter<F>): void
  /** Withdraws a `subscribe`; must accept a waiter that was already told. */
  unsubscribe(future: F, waiter: CompletionWaiter<F>): void
}

/**
 * What `wait` gives back: the very futures passed in, split in two sets. CPython: `concurrent.futures._base.DoneAndNotDoneFutures`.
 * @example
 * const { done, notDone }: DoneAndNotDone<Future<number>> = await wait(futures)
 */
export interface DoneAndNotDone<F> {
  /** Futures that are done (finished, or cancelled and notified). */
  readonly done: Set<F>
  /** The others. */
  readonly notDone: Set<F>
}

/**
 * One `wait(fs, returnWhen)` in progress (CPython's `wait` with its `_AllCompletedWaiter` /
 * `_FirstCompletedWaiter`). Create it, check {@link GroupWait.satisfied}; if not, {@link
 * GroupWait.start} it and call {@link GroupWait.finish} when `onTrigger` fires or the
 * timeout passes. `finish` withdraws every waiter, so nothing is left behind on the futures.
 * For authors of a Future kind; applications call `wait`.
 *
 * @example
 * const group = new GroupWait(protocol, new Set(futures), FIRST_COMPLETED)
 * if (!group.satisfied) await new Promise<void>((resolve) => group.start(resolve))
 * const { done, notDone } = group.finish()
 */
export class GroupWait<F> implements CompletionWaiter<F> {
  readonly #protocol: GroupWaitProtocol<F>
  readonly #futures: readonly F[]
  readonly #returnWhen: ReturnWhen
  readonly #done = new Set<F>()
  #failed = false
  #onTrigger: (() => void) | undefined = undefined
  #finished = false

  /**
   * Takes the snapshot of what is already done.
   * @param futures each future once: a set, or an array without duplicates (cheaper to make
   *   than a large set).
   */
  constructor(
    protocol: GroupWaitProtocol<F>,
    futures: ReadonlySet<F> | readonly F[],
    returnWhen: ReturnWhen,
  ) {
    this.#protocol = protocol
    this.#futures = Array.isArray(futures) ? (futures as readonly F[]) : [...futures]
    this.#returnWhen = returnWhen
    for (const f of this.#futures) {
      if (protocol.isSettled(f)) {
        this.#done.add(f)
        if (!this.#failed && protocol.isFailed(f)) this.#failed = true
      }
    }
  }

  /** Whether the wait's condition holds (at the snapshot, or since). */
  get satisfied(): boolean {
    if (this.#done.size === this.#futures.length) return true
    if (this.#returnWhen === FIRST_COMPLETED) return this.#done.size > 0
    if (this.#returnWhen === FIRST_EXCEPTION) return this.#failed
    return false
  }

  /** Hangs a waiter on every future not yet done; `onTrigger` runs once, when satisfied. */
  start(onTrigger: () => void): void {
    this.#onTrigger = onTrigger
    for (const f of this.#futures) {
      if (!this.#done.has(f)) this.#protocol.subscribe(f, this)
    }
  }

  /** @internal called by the futures. */
  onCompleted(future: F): void {
    if (this.#finished || this.#done.has(future)) return
    this.#done.add(future)
    if (!this.#failed && this.#protocol.isFailed(future)) this.#failed = true
    const trigger = this.#onTrigger
    if (trigger !== undefined && this.satisfied) {
      this.#onTrigger = undefined
      trigger()
    }
  }

  /**
   * Withdraws every waiter and splits the futures; later completions change nothing.
   * @param isDone splits by this test, made now, instead of by what the waiter was told
   *   (CPython's asyncio splits by `done()` when the waiter wakes).
   */
  finish(isDone?: (future: F) => boolean): DoneAndNotDone<F> {
    const withdraw = !this.#finished
    if (withdraw) {
      this.#finished = true
      this.#onTrigger = undefined
    }
    const protocol = this.#protocol
    if (isDone !== undefined) {
      // One pass: withdraw and split.
      const done = new Set<F>()
      const notDone = new Set<F>()
      for (const f of this.#futures) {
        if (withdraw) protocol.unsubscribe(f, this)
        if (isDone(f)) done.add(f)
        else notDone.add(f)
      }
      return { done, notDone }
    }
    if (withdraw) for (const f of this.#futures) protocol.unsubscribe(f, this)
    const done = new Set(this.#done)
    const notDone = new Set<F>()
    for (const f of this.#futures) if (!done.has(f)) notDone.add(f)
    return { done, notDone }
  }
}

/**
 * The state behind `asCompleted` (CPython's `as_completed` with its `_AsCompletedWaiter`):
 * the futures already done at the snapshot form the first batch; later completions are
 * buffered in the order they happen and become the next batch when the batch runs out. It
 * holds no reference to a future once it has been handed out. For authors of a Future kind;
 * applications call `asCompleted`.
 *
 * @example
 * const queue = new CompletionQueue(protocol, new Set(futures))
 * queue.onArrival = () => wake()
 * for (let f = queue.next(); f !== undefined; f = queue.next()) use(f)
 * if (queue.refill()) {
 *   // the futures that completed meanwhile are the next batch
 * }
 * queue.close()
 */
export class CompletionQueue<F> implements CompletionWaiter<F> {
  readonly #protocol: GroupWaitProtocol<F>
  /** Futures not yet handed out. */
  readonly #unyielded = new Set<F>()
  /** Futures in a batch or arrived, not yet handed out: each may be queued only once. */
  readonly #queued = new Set<F>()
  #batch: (F | undefined)[] = []
  #batchIndex = 0
  #arrived: F[] = []
  #closed = false
  /** How many distinct futures were given. */
  readonly total: number
  /** Called (synchronously) whenever a future arrives; the wrapper wakes its reader here. */
  onArrival: (() => void) | undefined = undefined

  /** Takes the snapshot and hangs a waiter on every future not yet done. */
  constructor(protocol: GroupWaitProtocol<F>, futures: ReadonlySet<F>) {
    this.#protocol = protocol
    this.total = futures.size
    for (const f of futures) {
      this.#unyielded.add(f)
      if (protocol.isSettled(f)) {
        this.#batch.push(f)
        this.#queued.add(f)
      }
    }
    for (const f of futures) if (!protocol.isSettled(f)) protocol.subscribe(f, this)
  }

  /** How many futures have not been handed out yet (the N of `'N (of M) futures unfinished'`). */
  get unfinished(): number {
    return this.#unyielded.size
  }

  /** Whether completions have arrived that are not in the current batch yet. */
  get hasArrivals(): boolean {
    return this.#arrived.length > 0
  }

  /** @internal called by the futures. */
  onCompleted(future: F): void {
    if (this.#closed || !this.#unyielded.has(future) || this.#queued.has(future)) return
    this.#queued.add(future)
    this.#arrived.push(future)
    this.onArrival?.()
  }

  /** The next future of the current batch, or `undefined` when the batch is used up. */
  next(): F | undefined {
    if (this.#batchIndex >= this.#batch.length) return undefined
    const f = this.#batch[this.#batchIndex] as F
    this.#batch[this.#batchIndex++] = undefined
    this.#unyielded.delete(f)
    this.#queued.delete(f)
    this.#protocol.unsubscribe(f, this)
    return f
  }

  /** Makes the arrivals so far the current batch. @returns whether there were any. */
  refill(): boolean {
    if (this.#arrived.length === 0) return false
    this.#batch = this.#arrived
    this.#batchIndex = 0
    this.#arrived = []
    return true
  }

  /** Withdraws the waiter from every future not handed out, and forgets them. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.onArrival = undefined
    for (const f of this.#unyielded) this.#protocol.unsubscribe(f, this)
    this.#unyielded.clear()
    this.#queued.clear()
    this.#batch = []
    this.#arrived = []
  }
}
