import {
  CancelledError,
  InvalidStateError,
  RemoteTraceback,
  TimeoutError,
} from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { fixtureTask, POOL_KINDS, usePools } from './executor-support.js'

const { pool } = usePools()

describe.each(POOL_KINDS)(
  '%s a task error crossing back (test_process_pool.ProcessPoolExecutorTest.test_traceback)',
  (_name, Kind) => {
    it('EX-27 keeps the class name, message, own enumerable properties and the cause chain', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(fixtureTask<[string], never>('throwDetailedError'), 'bad age')
      const error = (await future.exception()) as Error & Record<string, unknown>
      expect(error).toBeInstanceOf(Error)
      expect(error.name).toBe('ValidationError')
      expect(error.message).toBe('bad age')
      expect(String(error)).toBe('ValidationError: bad age')
      expect(error.code).toBe('E_VALIDATION')
      expect(error.details).toEqual({ field: 'age', limits: [0, 150] })
      const middle = error.cause as Error
      expect(middle).toBeInstanceOf(TypeError)
      expect(middle.message).toBe('middle cause')
      const root = middle.cause as Error
      expect(root).toBeInstanceOf(RangeError)
      expect(root.message).toBe('root cause')
      await expect(future.result()).rejects.toBe(error)
    })

    it("EX-27 the stack is the worker's: it holds the raising frame of the task module", async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(fixtureTask<[string], never>('throwDetailedError'), 'x')
      const error = (await future.exception()) as Error
      expect(error.stack).toMatch(/^ValidationError: x\n/)
      expect(error.stack).toMatch(/at throwDetailedError \(.*fixtures\/tasks\.mjs:\d+:\d+\)/)
    })

    it("EX-27 an error without a cause gets the worker's stack as its cause (RemoteTraceback)", async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(fixtureTask<[string], never>('throwPlainError'), 'plain')
      const error = (await future.exception()) as Error
      expect(error.constructor).toBe(Error)
      expect(error.message).toBe('plain')
      expect(error.cause).toBeInstanceOf(RemoteTraceback)
      const remote = error.cause as Error
      expect(remote.name).toBe('RemoteTraceback')
      expect(remote.message).toContain('Error: plain')
      expect(remote.message).toMatch(/at throwPlainError \(.*fixtures\/tasks\.mjs:\d+:\d+\)/)
    })

    it.each([
      ['TypeError', TypeError],
      ['RangeError', RangeError],
      ['SyntaxError', SyntaxError],
      ['ReferenceError', ReferenceError],
      ['URIError', URIError],
      ['EvalError', EvalError],
    ])('EX-27 a built-in %s comes back as that class', async (name, ErrorClass) => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit((className: string) => {
        const Ctor = (globalThis as unknown as Record<string, new (m: string) => Error>)[
          className
        ] as new (
          m: string,
        ) => Error
        throw new Ctor('built-in')
      }, name)
      const error = await future.exception()
      expect(error).toBeInstanceOf(ErrorClass)
      expect((error as Error).name).toBe(name)
      expect((error as Error).message).toBe('built-in')
    })

    it("EX-27 the package's own errors come back as their classes", async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      for (const [name, ErrorClass] of [
        ['CancelledError', CancelledError],
        ['InvalidStateError', InvalidStateError],
        ['TimeoutError', TimeoutError],
      ] as const) {
        const future = executor.submit((className: string) => {
          const error = new Error('ours')
          error.name = className
          throw error
        }, name)
        const error = await future.exception()
        expect(error).toBeInstanceOf(ErrorClass)
        expect((error as Error).message).toBe('ours')
      }
    })

    it('EX-27 an AggregateError keeps its errors', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(() => {
        throw new AggregateError([new TypeError('one'), new RangeError('two')], 'several')
      })
      const error = (await future.exception()) as AggregateError
      expect(error).toBeInstanceOf(AggregateError)
      expect(error.message).toBe('several')
      expect(error.errors.map((e: Error) => [e.constructor, e.message])).toEqual([
        [TypeError, 'one'],
        [RangeError, 'two'],
      ])
    })

    it('EX-27 a cause that is not an Error crosses as it is', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(() => {
        throw new Error('with a record cause', { cause: { code: 7, path: ['a'] } })
      })
      const error = (await future.exception()) as Error
      expect(error.cause).toEqual({ code: 7, path: ['a'] })
    })
  },
)

describe.each(POOL_KINDS)('%s a thrown value that is not an Error', (_name, Kind) => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['42', 42],
    ['a string', 'just text'],
    ['a record', { reason: 'nope', items: [1, 2] }],
    ['a BigInt', 10n],
  ])(
    'EX-27 a thrown %s crosses as it is (DESIGN: the future stays failed, even with undefined)',
    async (_what, value) => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(fixtureTask<[unknown], never>('throwValue'), value)
      await expect(future.result()).rejects.toEqual(value)
      expect(future.done()).toBe(true)
      expect(future.exceptionNow()).toEqual(value)
      expect(future.toString()).toMatch(/raised/)
    },
  )

  it('EX-27 a thrown value that cannot be cloned (a function) fails the future with an Error describing it', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit(() => {
      throw function secret() {}
    })
    const error = await future.exception()
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/secret/)
  })
})

describe.each(POOL_KINDS)(
  '%s values that cannot be sent (test_deadlock.ExecutorDeadlockTest.test_error_at_task_pickle, test_error_during_result_pickle_on_worker)',
  (_name, Kind) => {
    it.each([
      ['a function', () => 1],
      ['a symbol', Symbol('no')],
      ['a record holding a function', { callback: () => 1 }],
    ])(
      'EX-28 an argument that is %s fails only that future with a clear TypeError',
      async (_what, arg) => {
        const executor = pool(Kind, { maxWorkers: 1 })
        const before = executor.submit(fixtureTask('identity'), 'before')
        const bad = executor.submit(fixtureTask('identity'), arg)
        const after = executor.submit(fixtureTask('identity'), 'after')
        const error = await bad.exception()
        expect(error).toBeInstanceOf(TypeError)
        expect((error as Error).message).toMatch(/could not be sent to the worker/)
        await expect(before.result()).resolves.toBe('before')
        await expect(after.result()).resolves.toBe('after')
        await expect(executor.submit(fixtureTask('identity'), 'later').result()).resolves.toBe(
          'later',
        )
      },
    )

    it.each([
      ['a function', 'returnFunction'],
      ['a symbol', 'returnSymbol'],
    ])(
      'EX-28 a result that is %s fails only that future with a clear TypeError',
      async (_what, name) => {
        const executor = pool(Kind, { maxWorkers: 1 })
        const batch = [
          executor.submit(fixtureTask('identity'), 1),
          executor.submit(fixtureTask(name)),
          executor.submit(fixtureTask('identity'), 3),
        ]
        const error = await batch[1]?.exception()
        expect(error).toBeInstanceOf(TypeError)
        expect((error as Error).message).toMatch(/result could not be sent back from the worker/)
        await expect(batch[0]?.result()).resolves.toBe(1)
        await expect(batch[2]?.result()).resolves.toBe(3)
        await expect(executor.submit(fixtureTask('identity'), 4).result()).resolves.toBe(4)
      },
    )

    it('EX-28 many fast tasks with one bad result: only that one fails', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const futures = Array.from({ length: 200 }, (_, i) =>
        i === 150
          ? executor.submit(fixtureTask('returnFunction'))
          : executor.submit(fixtureTask('identity'), i),
      )
      const outcomes = await Promise.allSettled(futures.map((f) => f.result()))
      const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []))
      expect(rejected).toEqual([150])
    })
  },
)
