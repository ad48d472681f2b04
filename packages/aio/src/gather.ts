import { CancelledError } from '@futures/core'
import type { AioAwaitable, AwaitedOf } from './awaitable.js'
import { ensureFuture } from './ensure-future.js'
import type { EventLoop } from './event-loop.js'
import { getEventLoop } from './events.js'
import { Future, installAwaitConstructor } from './future.js'
import { kCancelMessage } from './internal.js'
import { whenDone } from './schedule.js'

/**
 * Options for {@link gather}.
 *
 * CPython: the `return_exceptions` parameter of `asyncio.gather`.
 *
 * @example
 * const [a, b] = await gather([sleep(10, 1), failing()], { returnExceptions: true }) // b is the error
 */
export interface GatherOptions {
  /**
   * Put each child's exception (or a `CancelledError` for a cancelled child) in its place in
   * the result array instead of failing the gather.
   * @defaultValue false
   */
  readonly returnExceptions?: boolean | undefined
}

/**
 * The result tuple of {@link gather}: what awaiting each argument gives, in order.
 *
 * CPython: none (a typing helper: the list `gather` returns, as a tuple type).
 *
 * @example
 * type R = GatherResult<[Future<number>, () => Promise<string>]> // [number, string]
 */
export type GatherResult<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitedOf<A[K]>
}

/**
 * The result tuple of {@link gather} with `returnExceptions: true`: each place holds the
 * child's result or what it threw (typed `Error`, though any thrown value can appear).
 *
 * CPython: none (the list `gather(..., return_exceptions=True)` returns, as a tuple type).
 *
 * @example
 * type R = GatherSettledResult<[Future<number>]> // [number | Error]
 */
export type GatherSettledResult<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitedOf<A[K]> | Error
}

/**
 * The future {@link gather} returns (CPython's `_GatheringFuture`): `cancel()` cancels the
 * children rather than the future itself.
 */
class GatheringFuture<T> extends Future<T> {
  static {
    installAwaitConstructor(GatheringFuture)
  }

  /** @internal */
  readonly _children: readonly Future<unknown>[]
  /** @internal CPython's `_cancel_requested`. */
  _cancelRequested = false

  constructor(children: readonly Future<unknown>[], loop: EventLoop) {
    super({ loop })
    this._children = children
  }

  /**
   * Cancels every child that is not done; the gather then fails with `CancelledError(msg)`
   * once they have finished.
   * @returns whether any child accepted the cancel; `false` once the gather is done.
   */
  override cancel(msg?: string | undefined): boolean {
    if (this.done()) return super.cancel(msg)
    let accepted = false
    for (const child of this._children) if (child.cancel(msg)) accepted = true
    if (accepted) this._cancelRequested = true
    return accepted
  }
}

/** The error CPython's `_make_cancelled_error` gives for a cancelled `future`. */
function cancelledErrorOf(future: Future<unknown>): unknown {
  try {
    future.result()
  } catch (error) {
    return error
  }
  return new CancelledError('')
}

/**
 * Runs the awaitables concurrently and resolves with their results, in argument order
 * (CPython's `asyncio.gather`). Coroutines and thenables are wrapped in tasks; an argument
 * given twice is awaited once and fills both places.
 *
 * - The first child to fail (or be cancelled) fails the gather at once; the other children
 *   are **not** cancelled. With `returnExceptions: true` exceptions take their places in the
 *   result instead, and a cancelled child gives a new `CancelledError` carrying its cancel
 *   message.
 * - `cancel(msg)` on the returned future cancels every child that is not done; when they have
 *   finished, the gather fails with `CancelledError(msg)` (even with `returnExceptions`).
 *   Cancelling the task that awaits the gather does the same.
 * - The gather completes one loop iteration after its last child, never inside the call
 *   (except `gather([])`, which is done at once).
 *
 * @returns an aio Future of the results, typed as a tuple like `Promise.all`'s.
 * @throws TypeError for an argument that is not an aio future, a coroutine or a thenable (a
 *   concurrent Future: wrap it with `wrapFuture` from `@futures/bridge`); Error for futures of
 *   two different loops.
 * @example
 * const [user, posts] = await gather([fetchUser(id), async () => fetchPosts(id)])
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.gather | asyncio.gather}
 */
export function gather<const A extends readonly AioAwaitable[]>(
  aws: A,
  options?: GatherOptions & { readonly returnExceptions?: false | undefined },
): Future<GatherResult<A>>
export function gather<const A extends readonly AioAwaitable[]>(
  aws: A,
  options: GatherOptions & { readonly returnExceptions: true },
): Future<GatherSettledResult<A>>
export function gather<const A extends readonly AioAwaitable[]>(
  aws: A,
  options?: GatherOptions,
): Future<GatherResult<A> | GatherSettledResult<A>>
export function gather(
  aws: readonly AioAwaitable[],
  options: GatherOptions = {},
): Future<unknown[]> {
  const returnExceptions = options.returnExceptions === true
  if (aws.length === 0) {
    const outer = getEventLoop().createFuture<unknown[]>()
    outer.setResult([])
    return outer
  }
  const argToFuture = new Map<unknown, Future<unknown>>()
  const children: Future<unknown>[] = []
  let loop: EventLoop | undefined
  for (const arg of aws) {
    let future = argToFuture.get(arg)
    if (future === undefined) {
      future = ensureFuture(arg, { loop })
      loop ??= future.getLoop()
      argToFuture.set(arg, future)
    }
    children.push(future)
  }
  const count = argToFuture.size
  let finished = 0
  const outer = new GatheringFuture<unknown[]>(children, loop as EventLoop)

  const onChildDone = (future: Future<unknown>): void => {
    finished++
    if (outer.done()) {
      // Mark the exception retrieved: the gather has already failed (AG-12).
      if (!future.cancelled()) future.exception()
      return
    }
    if (!returnExceptions) {
      try {
        future.result()
      } catch (error) {
        // A failure, or (AG-06) the child's CancelledError: the gather fails, not cancelled.
        outer.setException(error)
        return
      }
    }
    if (finished === count) {
      const results = children.map(resultOrError)
      if (outer._cancelRequested) outer.setException(cancelledErrorOf(future))
      else outer.setResult(results)
    }
  }
  for (const future of argToFuture.values()) whenDone(future, onChildDone)
  return outer
}

/** A done child's place in a `returnExceptions` result (AG-07: a new CancelledError). */
function resultOrError(child: Future<unknown>): unknown {
  try {
    return child.result()
  } catch (error) {
    return child.cancelled() ? new CancelledError(child[kCancelMessage]() ?? '') : error
  }
}
