import { describe, expectTypeOf, it } from 'vitest'
import {
  asCompleted,
  createTask,
  type EventLoop,
  ensureFuture,
  type Future,
  gather,
  run,
  shield,
  sleep,
  type Task,
  timeout,
  waitFor,
  withTaskGroup,
} from '../src/index.js'

declare const loop: EventLoop
declare const fut: Future<number>

describe('types', () => {
  it('a Future<number> awaited is a number, also through yield*', () => {
    expectTypeOf<Awaited<Future<number>>>().toEqualTypeOf<number>()
    function* coro(): Generator<unknown, string, unknown> {
      const v = yield* fut
      expectTypeOf(v).toEqualTypeOf<number>()
      return String(v)
    }
    expectTypeOf(loop.createTask(coro)).toEqualTypeOf<Task<string>>()
  })

  it('createTask infers the result of async functions, generator functions and thenables', () => {
    expectTypeOf(createTask(async () => 1)).toEqualTypeOf<Task<number>>()
    expectTypeOf(
      createTask(function* () {
        yield* sleep(1)
        return 'x'
      }),
    ).toEqualTypeOf<Task<string>>()
    expectTypeOf(loop.createTask(Promise.resolve(true))).toEqualTypeOf<Task<boolean>>()
    expectTypeOf(ensureFuture(fut)).toEqualTypeOf<Future<number>>()
  })

  it('run and runUntilComplete resolve with the coroutine result', () => {
    expectTypeOf(run(async () => 1)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(loop.runUntilComplete(fut)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(
      loop.runUntilComplete(function* () {
        return yield* sleep(1, 'v')
      }),
    ).toEqualTypeOf<Promise<string>>()
  })

  it('a Task<number> is a Future<unknown> (covariant enough for group APIs)', () => {
    expectTypeOf<Task<number>>().toMatchTypeOf<Future<unknown>>()
  })
})

describe('group function types', () => {
  it('AG-02 gather: an array in, a typed tuple out; returnExceptions adds Error to each place', () => {
    expectTypeOf(gather([fut, async () => 'x', Promise.resolve(true)])).toEqualTypeOf<
      Future<[number, string, boolean]>
    >()
    expectTypeOf(gather([fut], { returnExceptions: true })).toEqualTypeOf<
      Future<[number | Error]>
    >()
  })

  it('AG-24 asCompleted: plain iteration gives futures of results, async iteration the inputs', () => {
    const it = asCompleted([fut])
    for (const next of it) expectTypeOf(next).toEqualTypeOf<Future<number>>()
    expectTypeOf(it[Symbol.asyncIterator]().next()).resolves.toEqualTypeOf<
      IteratorResult<Future<number>, undefined>
    >()
  })

  it('AG-25/AG-31/AG-34/AG-40 waitFor, shield, timeout and withTaskGroup keep the result type', () => {
    expectTypeOf(waitFor(fut, 10)).toEqualTypeOf<Task<number>>()
    expectTypeOf(shield(async () => 'x')).toEqualTypeOf<Future<string>>()
    expectTypeOf(timeout(10, async () => 1)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(withTaskGroup(async () => 'done')).toEqualTypeOf<Promise<string>>()
  })
})
