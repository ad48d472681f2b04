import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { fixtureTask, OPEN, POOL_KINDS, STARTED, thrownBy, usePools } from './executor-support.js'

const { pool, sync } = usePools()

const gatedWhoami = fixtureTask<[unknown, number], string>('gatedWhoami')

describe.each(POOL_KINDS)(
  '%s maxWorkers (executor.ExecutorTest.test_max_workers_negative)',
  (_name, Kind) => {
    it.each([0, -1])(
      'EX-18 maxWorkers %i throws RangeError at construction, in CPython words',
      (maxWorkers) => {
        const error = thrownBy(() => new Kind({ maxWorkers }))
        expect(error).toBeInstanceOf(RangeError)
        expect((error as Error).message).toMatch(/^maxWorkers must be greater than 0/)
        expect((error as Error).message).toContain(String(maxWorkers))
      },
    )

    it.each([
      ['a string', '2'],
      ['a fraction', 1.5],
      ['NaN', Number.NaN],
      ['null', null],
    ])('EX-18 maxWorkers that is %s throws TypeError', (_what, maxWorkers) => {
      const error = thrownBy(() => new Kind({ maxWorkers: maxWorkers as number }))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toMatch(/maxWorkers must be a positive integer/)
    })

    it('EX-18 maxWorkers undefined means the default', async () => {
      const executor = pool(Kind, { maxWorkers: undefined })
      await expect(executor.submit((n: number) => n, 1).result()).resolves.toBe(1)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s default number of workers (ThreadPoolExecutorTest.test_default_workers)',
  (_name, Kind) => {
    it('EX-19 defaults to os.availableParallelism() workers (DESIGN)', async () => {
      const executor = pool(Kind)
      const counters = sync(Kind)
      const n = availableParallelism()
      const futures = Array.from({ length: n + 1 }, (_, i) =>
        executor.submit(gatedWhoami, counters.arg, i),
      )
      // n blocked tasks run at once, so there are n workers...
      await counters.until(STARTED, n)
      counters.addAll(OPEN)
      const workers = new Set(await Promise.all(futures.map((f) => f.result())))
      // ...and the extra task ran on one of them: no more than n.
      expect(workers.size).toBe(n)
    })
  },
)

describe.each(POOL_KINDS)('%s initializer checks', (_name, Kind) => {
  it.each([
    ['a number', 1],
    ['a string', 'setup'],
    ['a plain object', {}],
    ['a class', class Setup {}],
  ])('EX-20 an initializer that is %s throws TypeError at construction', (_what, initializer) => {
    const error = thrownBy(() => new Kind({ initializer: initializer as never }))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/^initializer must be a callable/)
  })

  it('EX-20 initargs that is not an array throws TypeError', () => {
    expect(
      () => new Kind({ initializer: () => {}, initargs: 'abc' as unknown as unknown[] }),
    ).toThrow(TypeError)
  })
})

describe.each(POOL_KINDS)(
  '%s initializer (test_init.InitializerMixin.test_initializer)',
  (_name, Kind) => {
    it('EX-21 runs initializer(...initargs) in each worker before its first task; tasks see its state', async () => {
      const executor = pool(Kind, {
        maxWorkers: 2,
        initializer: (...values: unknown[]) => {
          ;(globalThis as { initialized?: unknown }).initialized = values
        },
        initargs: ['initialized', 42n],
      })
      const read = () => (globalThis as { initialized?: unknown }).initialized
      const results = await Promise.all(
        Array.from({ length: 6 }, () => executor.submit(read).result()),
      )
      for (const value of results) expect(value).toEqual(['initialized', 42n])
    })

    it('EX-21 takes an initializer by reference, and an async one is awaited', async () => {
      const executor = pool(Kind, {
        maxWorkers: 1,
        initializer: fixtureTask('setWorkerState'),
        initargs: [1, 'two'],
      })
      await expect(executor.submit(fixtureTask('getWorkerState')).result()).resolves.toEqual([
        1,
        'two',
      ])
      const asyncInit = pool(Kind, {
        maxWorkers: 1,
        initializer: async (value: number) => {
          await new Promise((resolve) => setTimeout(resolve, 5))
          ;(globalThis as { late?: number }).late = value
        },
        initargs: [7],
      })
      await expect(
        asyncInit.submit(() => (globalThis as { late?: number }).late).result(),
      ).resolves.toBe(7)
    })

    it('EX-21 each worker runs the initializer once, not once per task', async () => {
      const executor = pool(Kind, {
        maxWorkers: 1,
        initializer: () => {
          const holder = globalThis as { initCount?: number }
          holder.initCount = (holder.initCount ?? 0) + 1
        },
      })
      const read = () => (globalThis as { initCount?: number }).initCount
      for (let i = 0; i < 3; i++) await expect(executor.submit(read).result()).resolves.toBe(1)
    })
  },
)
