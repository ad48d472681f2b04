import { describe, expectTypeOf, it } from 'vitest'
import {
  createTask,
  type EventLoop,
  ensureFuture,
  type Future,
  run,
  sleep,
  type Task,
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
