import { describe, expectTypeOf, it } from 'vitest'
import {
  asCompleted,
  FIRST_COMPLETED,
  Future,
  type ReturnWhen,
  type WaitResult,
  wait,
} from '../src/index.js'

declare const f1: Future<number>
declare const f2: Future<number>
declare const s1: Future<string>

describe('wait types', () => {
  it('resolves to { done: Set<Future<number>>, notDone: Set<Future<number>> }', () => {
    const result = wait([f1, f2])
    expectTypeOf(result).toEqualTypeOf<Promise<WaitResult<Future<number>>>>()
    expectTypeOf(result).resolves.toHaveProperty('done').toEqualTypeOf<Set<Future<number>>>()
    expectTypeOf(result).resolves.toHaveProperty('notDone').toEqualTypeOf<Set<Future<number>>>()
    expectTypeOf(result).resolves.toMatchTypeOf<{
      done: Set<Future<number>>
      notDone: Set<Future<number>>
    }>()
  })

  it('keeps the union of element types for mixed input', () => {
    expectTypeOf(wait([f1, s1]))
      .resolves.toHaveProperty('done')
      .toEqualTypeOf<Set<Future<number> | Future<string>>>()
  })

  it('accepts any iterable and the documented options', () => {
    expectTypeOf(wait(new Set([f1]), { timeout: 10, returnWhen: FIRST_COMPLETED })).toEqualTypeOf<
      Promise<WaitResult<Future<number>>>
    >()
    expectTypeOf(wait([f1], { timeout: undefined, returnWhen: undefined })).resolves.toHaveProperty(
      'done',
    )
    expectTypeOf<Parameters<typeof wait>[1]>().toMatchTypeOf<
      { timeout?: number | undefined; returnWhen?: ReturnWhen | undefined } | undefined
    >()
  })

  it('rejects what is not a concurrent Future, and unknown return conditions', () => {
    // @ts-expect-error numbers are not futures
    void wait([1, 2])
    // @ts-expect-error a single Future is not an iterable of futures
    void wait(f1)
    // @ts-expect-error 'BOGUS' is not a ReturnWhen
    void wait([f1], { returnWhen: 'BOGUS' })
    // @ts-expect-error a promise is not a concurrent Future
    void wait([Promise.resolve(1)])
  })
})

describe('asCompleted types', () => {
  it('yields the input element type', async () => {
    const iterator = asCompleted([f1, f2])
    expectTypeOf(iterator).toEqualTypeOf<AsyncIterableIterator<Future<number>>>()
    for await (const f of asCompleted([f1, f2], { timeout: 100 })) {
      expectTypeOf(f).toEqualTypeOf<Future<number>>()
    }
    for await (const f of asCompleted(new Set([f1, s1]))) {
      expectTypeOf(f).toEqualTypeOf<Future<number> | Future<string>>()
    }
  })

  it('keeps a subclass element type', () => {
    class MyFuture extends Future<boolean> {
      label = 'mine'
    }
    expectTypeOf(asCompleted([new MyFuture()])).toEqualTypeOf<AsyncIterableIterator<MyFuture>>()
  })

  it('rejects what is not a concurrent Future', () => {
    // @ts-expect-error numbers are not futures
    asCompleted([1])
  })
})
