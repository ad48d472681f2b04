import { CompletionQueue, TimeoutError, toTimeoutMs } from '@futures/core'
import type { AioAwaitable, AwaitedOf } from './awaitable.js'
import { ensureFuture, isFuture } from './ensure-future.js'
import type { EventLoop } from './event-loop.js'
import { getEventLoop } from './events.js'
import type { Future } from './future.js'
import { aioWaitProtocol } from './group-protocol.js'
import type { TimerHandle } from './handles.js'
import { at, whenDone } from './schedule.js'
import type { Task } from './task.js'

/**
 * Options for {@link asCompleted}.
 *
 * CPython: the `timeout` parameter of `asyncio.as_completed`.
 *
 * @example
 * for (const next of asCompleted(aws, { timeout: 5_000 })) console.log(await next)
 */
export interface AsCompletedOptions {
  /**
   * Milliseconds from the call (Python 3.13); once they pass, every awaitable not yet
   * delivered throws `TimeoutError`. `undefined` waits forever.
   * @example 5_000
   */
  readonly timeout?: number | undefined
}

/**
 * What the async iteration of {@link asCompleted} yields for an argument: itself, or its task.
 *
 * CPython: none (a typing helper for 3.13's `async for` over `as_completed`).
 *
 * @example
 * type C = CompletedOf<() => Promise<number>> // Task<number>
 */
export type CompletedOf<A> = A extends Future<unknown> ? A : Task<AwaitedOf<A>>

const TIMED_OUT = Symbol('timed out')

/** A reader waiting for the next completion: the future handed out, and what it gets. */
interface Reader {
  readonly future: Future<unknown>
  /** Plain iteration: the result; async iteration: the future itself. */
  readonly resolve: boolean
}

/**
 * The iterator {@link asCompleted} returns (CPython 3.13's `_AsCompletedIterator`). Both an
 * iterator of aio Futures of the next result and an async iterator of the original futures.
 * Hand-written rather than an `async function*`, which would unwrap the futures it yields.
 * @example
 * const it: AsCompletedIterator<Future<number>> = asCompleted(futures)
 * for await (const f of it) console.log(f.result())
 */
export class AsCompletedIterator<A>
  implements IterableIterator<Future<AwaitedOf<A>>, undefined>, AsyncIterable<CompletedOf<A>>
{
  readonly #loop: EventLoop
  readonly #queue: CompletionQueue<Future<unknown>>
  /** Completed futures (or timeout sentinels) not yet handed to a reader, in order. */
  readonly #ready: (Future<unknown> | typeof TIMED_OUT)[] = []
  readonly #readers: Reader[] = []
  #todoLeft: number
  #timer: TimerHandle | undefined = undefined

  /** @internal Use {@link asCompleted}. */
  constructor(aws: Iterable<A>, timeoutMs: number | undefined) {
    const loop = getEventLoop()
    this.#loop = loop
    const todo = new Set<Future<unknown>>()
    for (const aw of new Set(aws)) todo.add(ensureFuture(aw as AioAwaitable, { loop }))
    this.#todoLeft = todo.size
    const queue = new CompletionQueue(aioWaitProtocol, todo)
    this.#queue = queue
    this.#drain()
    queue.onArrival = () => {
      this.#drain()
      this.#serve()
    }
    if (todo.size > 0 && timeoutMs !== undefined && queue.unfinished > 0) {
      this.#timer = at(loop, loop.time() + timeoutMs, () => this.#onTimeout())
    }
  }

  /** The iterator itself: `for (const next of asCompleted(aws))` yields a future per completion. */
  [Symbol.iterator](): this {
    return this
  }

  /** The async iterator: its `next` is {@link AsCompletedIterator.nextAsync}. */
  [Symbol.asyncIterator](): AsyncIterableIterator<CompletedOf<A>, undefined> {
    const iterator: AsyncIterableIterator<CompletedOf<A>, undefined> = {
      next: () => this.nextAsync(),
      [Symbol.asyncIterator]: () => iterator,
    }
    return iterator
  }

  /** Plain iteration: an aio Future of the next result (or its exception) to complete. */
  next(): IteratorResult<Future<AwaitedOf<A>>, undefined> {
    if (this.#todoLeft === 0) return { done: true, value: undefined }
    this.#todoLeft--
    return { done: false, value: this.#read(true) as Future<AwaitedOf<A>> }
  }

  /**
   * Async iteration (`for await`): the next original future (or task) to complete, as an aio
   * Future of the iterator result.
   */
  nextAsync(): Future<IteratorResult<CompletedOf<A>, undefined>> {
    const out = this.#loop.createFuture<IteratorResult<CompletedOf<A>, undefined>>()
    if (this.#todoLeft === 0) {
      out.setResult({ done: true, value: undefined })
      return out
    }
    this.#todoLeft--
    const read = this.#read(false)
    whenDone(read, () => {
      if (out.done()) return
      if (read.cancelled()) out.cancel()
      else {
        try {
          out.setResult({ done: false, value: read.result() as CompletedOf<A> })
        } catch (error) {
          out.setException(error)
        }
      }
    })
    whenDone(out, () => {
      if (out.cancelled()) read.cancel()
    })
    return out
  }

  #read(resolve: boolean): Future<unknown> {
    const future = this.#loop.createFuture<unknown>()
    this.#readers.push({ future, resolve })
    this.#serve()
    return future
  }

  /** Moves what the queue has into `#ready`, in completion order. */
  #drain(): void {
    const queue = this.#queue
    for (;;) {
      let f = queue.next()
      if (f === undefined) {
        if (!queue.refill()) break
        f = queue.next()
        if (f === undefined) break
      }
      this.#ready.push(f)
    }
    if (queue.unfinished === 0 && this.#timer !== undefined) {
      this.#timer.cancel()
      this.#timer = undefined
    }
  }

  #onTimeout(): void {
    this.#timer = undefined
    this.#drain()
    for (let i = this.#queue.unfinished; i > 0; i--) this.#ready.push(TIMED_OUT)
    this.#queue.close()
    this.#serve()
  }

  /** Hands ready completions to waiting readers, skipping readers cancelled meanwhile. */
  #serve(): void {
    const readers = this.#readers
    const ready = this.#ready
    while (readers.length > 0 && ready.length > 0) {
      const reader = readers.shift() as Reader
      if (reader.future.done()) continue
      const item = ready.shift() as Future<unknown> | typeof TIMED_OUT
      if (item === TIMED_OUT) reader.future.setException(new TimeoutError(''))
      else if (!reader.resolve) reader.future.setResult(item)
      else if (item.cancelled()) {
        try {
          item.result()
        } catch (error) {
          reader.future.setException(error)
        }
      } else {
        try {
          reader.future.setResult(item.result())
        } catch (error) {
          reader.future.setException(error)
        }
      }
    }
  }
}

/**
 * Iterates over the awaitables as they complete (CPython's `asyncio.as_completed`, in its
 * Python 3.13 form), in two ways:
 *
 * - `for (const next of asCompleted(aws)) { const r = await next }`: each item is a **new**
 *   aio Future that gives the next result in completion order (or throws the next exception);
 * - `for await (const f of asCompleted(aws))`: yields the **original** futures and tasks
 *   (coroutines and thenables wrapped in tasks at the call) as they complete.
 *
 * Duplicates are coalesced. With `timeout`, once it passes, every item not yet delivered throws
 * `TimeoutError`; those completed before still give their results. Built on core's
 * `CompletionQueue`, shared with `concurrent.asCompleted`.
 *
 * @throws TypeError `expect an iterable of futures, not Future` for a single future or
 *   coroutine; the TypeError naming `wrapFuture` for a concurrent Future (at the call).
 * @example
 * for (const next of asCompleted([fetchA, fetchB], { timeout: 5_000 })) {
 *   console.log(await next)
 * }
 * for await (const task of asCompleted(tasks)) console.log(task.result())
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed | asyncio.as_completed}
 */
export function asCompleted<A extends AioAwaitable>(
  aws: Iterable<A>,
  options: AsCompletedOptions = {},
): AsCompletedIterator<A> {
  if (
    isFuture(aws) ||
    typeof aws === 'function' ||
    typeof aws !== 'object' ||
    aws === null ||
    typeof (aws as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    const name = isFuture(aws) ? 'Future' : typeof aws === 'function' ? 'function' : typeof aws
    throw new TypeError(`expect an iterable of futures, not ${name}`)
  }
  const timeoutMs = toTimeoutMs(options.timeout)
  return new AsCompletedIterator(aws, timeoutMs)
}
