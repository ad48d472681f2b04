import {
  ALL_COMPLETED,
  CONCURRENT_FUTURE_BRAND,
  GroupWait,
  hasBrand,
  type ReturnWhen,
  toReturnWhen,
  toTimeoutMs,
  type WaitOptions,
} from '@futures/core'
import { ensureFuture, isFuture } from './ensure-future.js'
import type { EventLoop } from './event-loop.js'
import { getRunningLoop } from './events.js'
import { Future } from './future.js'
import { aioWaitProtocol } from './group-protocol.js'
import type { TimerHandle } from './handles.js'
import { at, soon, whenDone } from './schedule.js'

/** Options for {@link wait} (shared with the other Future kind's `wait`). */
export type { WaitOptions }

/**
 * What {@link wait} resolves with: the futures passed in, in two sets.
 *
 * CPython: the `(done, pending)` tuple of `asyncio.wait`.
 *
 * @example
 * const { done, pending }: AioWaitResult<Task<number>> = await wait(tasks)
 */
export interface AioWaitResult<F> {
  /** The futures that are done (finished or cancelled). */
  readonly done: Set<F>
  /** The others. */
  readonly pending: Set<F>
}

/**
 * What {@link wait} accepts in its iterable: futures, tasks and thenables, no coroutines.
 *
 * CPython: the futures and tasks `asyncio.wait` takes (3.11: coroutines are refused).
 *
 * @example
 * const aws: WaitAwaitable[] = [createTask(job), sleep(10)]
 */
export type WaitAwaitable = Future<unknown> | PromiseLike<unknown>

/** A thenable given to {@link wait} is wrapped in a task, which `done`/`pending` then hold. */
type WaitedOf<A> = A extends Future<unknown> ? A : Future<Awaited<A>>

function isCoroutineArgument(x: unknown): boolean {
  if (typeof x === 'function') return true
  return (
    typeof x === 'object' &&
    x !== null &&
    !isFuture(x) &&
    typeof (x as { next?: unknown }).next === 'function' &&
    typeof (x as { throw?: unknown }).throw === 'function'
  )
}

/**
 * Waits until the futures finish, one fails, or the timeout passes (CPython's
 * `asyncio.wait`), and resolves with `{ done, pending }`: the very futures passed in.
 *
 * - `FIRST_COMPLETED` returns once any is done; `FIRST_EXCEPTION` once any fails (a cancelled
 *   future counts as done, not as a failure), else as `ALL_COMPLETED`, the default.
 * - The timeout ends the wait without an error and cancels nothing; cancelling the task that
 *   awaits `wait` does not cancel the futures either.
 * - Duplicates count once; any iterable is accepted. Thenables are wrapped in tasks; coroutines
 *   (async or generator functions) are refused, as in CPython 3.11: make tasks of them.
 *
 * The wait algorithm is core's `GroupWait`, shared with `concurrent.wait`.
 *
 * @returns an aio Future of `{ done, pending }`. Argument errors fail that future (CPython
 *   raises them when `wait` is awaited): TypeError `expect a list of futures, not Future` for
 *   a single future or function; RangeError `Set of Tasks/Futures is empty.`; RangeError
 *   `Invalid return_when value: BOGUS`; TypeError naming `createTask` for a coroutine.
 * @throws Error('no running event loop') without a running loop; TypeError naming
 *   `wrapFuture`, at the call, for a concurrent Future (the two kinds do not mix unconverted).
 * @example
 * const { done, pending } = await wait([t1, t2], { returnWhen: FIRST_COMPLETED })
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.wait | asyncio.wait}
 */
export function wait<A extends WaitAwaitable>(
  aws: Iterable<A>,
  options: WaitOptions = {},
): Future<AioWaitResult<WaitedOf<A>>> {
  const loop = getRunningLoop()
  const outer = loop.createFuture<AioWaitResult<WaitedOf<A>>>()
  let group: GroupWait<Future<unknown>>
  let timeoutMs: number | undefined
  /** Mixing the two kinds is refused at the call (DESIGN, BR-28), not on await. */
  let mixing: unknown
  try {
    if (isFuture(aws) || typeof aws === 'function' || typeof aws !== 'object' || aws === null) {
      throw new TypeError(`expect a list of futures, not ${typeName(aws)}`)
    }
    const futures = loopFuturesOf(aws, loop) ?? new Set<Future<unknown>>()
    if (futures instanceof Set) {
      const seen = new Set<unknown>()
      for (const aw of aws as Iterable<unknown>) {
        if (aw instanceof Future && aw.getLoop() === loop) {
          futures.add(aw) // a Set: duplicates count once
          continue
        }
        if (seen.has(aw)) continue
        seen.add(aw)
        if (isCoroutineArgument(aw)) {
          throw new TypeError(
            'Passing coroutines is forbidden, use tasks explicitly (wrap them with createTask()).',
          )
        }
        try {
          futures.add(ensureFuture(aw as Future<unknown>, { loop }))
        } catch (error) {
          if (hasBrand(aw, CONCURRENT_FUTURE_BRAND)) mixing = error
          throw error
        }
      }
    }
    if ((futures instanceof Set ? futures.size : futures.length) === 0)
      throw new RangeError('Set of Tasks/Futures is empty.')
    let returnWhen: ReturnWhen
    try {
      returnWhen = toReturnWhen(
        options.returnWhen === undefined ? ALL_COMPLETED : options.returnWhen,
      )
    } catch {
      throw new RangeError(`Invalid return_when value: ${String(options.returnWhen)}`)
    }
    timeoutMs = toTimeoutMs(options.timeout)
    group = new GroupWait(aioWaitProtocol, futures, returnWhen)
  } catch (error) {
    if (error === mixing) throw error
    outer.setException(error)
    return outer
  }

  let timer: TimerHandle | undefined
  const settle = (): void => {
    timer?.cancel()
    const { done, notDone } = group.finish(isDone)
    if (!outer.done()) {
      outer.setResult({ done, pending: notDone } as AioWaitResult<WaitedOf<A>>)
    }
  }
  // As CPython, whose callbacks run a loop iteration later even for done futures.
  if (group.satisfied) {
    soon(loop, settle)
    return outer
  }
  if (timeoutMs !== undefined) timer = at(loop, loop.time() + timeoutMs, settle)
  group.start(settle)
  whenDone(outer, () => {
    // Cancelled (the awaiting task was): withdraw the waiters, leave the futures alone.
    timer?.cancel()
    group.finish()
  })
  return outer
}

/**
 * The common case, cheaply: a `Set` holding only aio futures of `loop` (such as the `pending`
 * of a previous `wait`) is copied into an array (its members are unique already; a large
 * `Set` costs several times more to build). `undefined` for anything else.
 */
function loopFuturesOf(aws: unknown, loop: EventLoop): Future<unknown>[] | undefined {
  if (!(aws instanceof Set)) return undefined
  const futures: Future<unknown>[] = []
  for (const aw of aws as Set<unknown>) {
    if (!(aw instanceof Future) || aw.getLoop() !== loop) return undefined
    futures.push(aw)
  }
  return futures
}

/** CPython splits by `done()` when the waiter wakes: a future done meanwhile is in `done`. */
function isDone(future: Future<unknown>): boolean {
  return future.done()
}

function typeName(x: unknown): string {
  if (isFuture(x)) return 'Future'
  if (x === null) return 'null'
  if (typeof x === 'function') return 'function'
  return typeof x
}
