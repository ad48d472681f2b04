import type { Future as AioFuture, EventLoop } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type AnyFuture,
  isAioFuture,
  isConcurrentFuture,
  isFuture,
  runCoroutineThreadsafe,
  runInExecutor,
  toConcurrentFuture,
  toPromise,
  toThread,
  wrapFuture,
} from '../src/index.js'

declare const loop: EventLoop
declare const cf: ConcurrentFuture<number>
declare const af: AioFuture<string>
declare const generatorFunction: () => Generator<unknown, string, unknown>

describe('types', () => {
  it('wrapFuture keeps the value type, for either kind', () => {
    expectTypeOf(wrapFuture(cf)).toEqualTypeOf<AioFuture<number>>()
    expectTypeOf(wrapFuture(af, { loop })).toEqualTypeOf<AioFuture<string>>()
  })

  it('toConcurrentFuture unwraps a promise; toPromise gives a native Promise', () => {
    expectTypeOf(toConcurrentFuture(Promise.resolve(1))).toEqualTypeOf<ConcurrentFuture<number>>()
    expectTypeOf(toConcurrentFuture(af)).toEqualTypeOf<ConcurrentFuture<string>>()
    expectTypeOf(toPromise(cf)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(toPromise(af)).toEqualTypeOf<Promise<string>>()
  })

  it('runCoroutineThreadsafe gives a concurrent Future of the awaited result', () => {
    expectTypeOf(runCoroutineThreadsafe(async () => 3, loop)).toEqualTypeOf<
      ConcurrentFuture<number>
    >()
    expectTypeOf(runCoroutineThreadsafe(generatorFunction, loop)).toEqualTypeOf<
      ConcurrentFuture<string>
    >()
  })

  it('runInExecutor and toThread give an aio Future of the work result; arguments are checked', () => {
    expectTypeOf(
      runInExecutor(loop, undefined, (a: number, b: number) => a + b, 1, 2),
    ).toEqualTypeOf<AioFuture<number>>()
    expectTypeOf(toThread((s: string) => s.length, 'abc')).toEqualTypeOf<AioFuture<number>>()
    // @ts-expect-error a string where the function takes a number
    void toThread((n: number) => n, 'x')
  })

  it('the guards narrow', () => {
    const x: unknown = undefined
    if (isAioFuture(x)) expectTypeOf(x).toEqualTypeOf<AioFuture<unknown>>()
    if (isConcurrentFuture(x)) expectTypeOf(x).toEqualTypeOf<ConcurrentFuture<unknown>>()
    if (isFuture(x)) expectTypeOf(x).toEqualTypeOf<AnyFuture<unknown>>()
  })
})
