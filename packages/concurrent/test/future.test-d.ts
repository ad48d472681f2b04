import { describe, expectTypeOf, it } from 'vitest'
import { type DoneCallback, Future } from '../src/index.js'

describe('Future<T> types', () => {
  it('CF-34 a Future is not awaitable as its value: no then, so Awaited<Future<number>> is the Future', () => {
    expectTypeOf<Future<number>>().not.toHaveProperty('then')
    expectTypeOf<Awaited<Future<number>>>().toEqualTypeOf<Future<number>>()
    expectTypeOf<Future<number>>().not.toMatchTypeOf<PromiseLike<unknown>>()
  })

  it('CF-34 awaiting the future gives the future; awaiting result() gives the value', async () => {
    const f = new Future<number>()
    expectTypeOf(await f).toEqualTypeOf<Future<number>>()
    expectTypeOf(await f.result()).toEqualTypeOf<number>()
  })

  it('CF-13 result() is Promise<T> and exception() is Promise<unknown>, with an optional timeout', () => {
    const f = new Future<number>()
    expectTypeOf(f.result()).toEqualTypeOf<Promise<number>>()
    expectTypeOf(f.result(100)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(f.exception()).toEqualTypeOf<Promise<unknown>>()
    expectTypeOf(f.result).parameter(0).toEqualTypeOf<number | undefined>()
  })

  it('CF-35 resultNow() is T and exceptionNow() is unknown', () => {
    const f = new Future<number>()
    expectTypeOf(f.resultNow()).toEqualTypeOf<number>()
    expectTypeOf(f.exceptionNow()).toEqualTypeOf<unknown>()
  })

  it('CF-10 the done callback receives Future<T> and returns void', () => {
    const f = new Future<number>()
    expectTypeOf(f.addDoneCallback).parameter(0).toEqualTypeOf<DoneCallback<number>>()
    expectTypeOf<DoneCallback<number>>().parameters.toEqualTypeOf<[Future<number>]>()
    f.addDoneCallback((g) => {
      expectTypeOf(g).toEqualTypeOf<Future<number>>()
      expectTypeOf(g.resultNow()).toEqualTypeOf<number>()
    })
  })

  it('CF-09 setResult takes a T; setException takes anything', () => {
    const f = new Future<number>()
    expectTypeOf(f.setResult).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(f.setException).parameter(0).toEqualTypeOf<unknown>()
    // @ts-expect-error a string is not a number
    f.setResult('x')
  })

  it('CF-02 the predicates and the executor calls return booleans', () => {
    const f = new Future()
    expectTypeOf(f.cancel()).toEqualTypeOf<boolean>()
    expectTypeOf(f.cancelled()).toEqualTypeOf<boolean>()
    expectTypeOf(f.running()).toEqualTypeOf<boolean>()
    expectTypeOf(f.done()).toEqualTypeOf<boolean>()
    expectTypeOf(f.setRunningOrNotifyCancel()).toEqualTypeOf<boolean>()
  })

  it('CF-25 has no removeDoneCallback', () => {
    expectTypeOf<Future<number>>().not.toHaveProperty('removeDoneCallback')
  })

  it('defaults T to unknown', () => {
    expectTypeOf(new Future().resultNow()).toEqualTypeOf<unknown>()
  })
})
