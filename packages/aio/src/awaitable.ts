/**
 * The types shared by the group functions (`gather`, `wait`, `asCompleted`, `waitFor`,
 * `shield`): what they accept and what awaiting each argument gives.
 * @module
 */
import type { Future } from './future.js'
import type { CoroutineLike, GeneratorCoroutine } from './task.js'

/**
 * What the aio group functions accept: an aio Future or Task, a coroutine (an async function
 * or a generator coroutine, which is wrapped in a Task), or any thenable.
 *
 * CPython: an "awaitable" (`collections.abc.Awaitable`) as asyncio's functions accept it.
 *
 * @example
 * const parts: AioAwaitable<number>[] = [sleep(10, 1), async () => 2, Promise.resolve(3)]
 */
export type AioAwaitable<T = unknown> = Future<T> | CoroutineLike<T>

/**
 * What awaiting an {@link AioAwaitable} gives.
 *
 * CPython: none (a typing helper: the `T` of `Awaitable[T]`).
 *
 * @example
 * type N = AwaitedOf<() => Promise<number>> // number
 */
export type AwaitedOf<A> =
  A extends PromiseLike<infer T>
    ? T
    : A extends GeneratorCoroutine<infer T>
      ? T
      : A extends () => infer R
        ? R extends GeneratorCoroutine<infer T>
          ? T
          : Awaited<R>
        : never
