import {
  Future,
  isTaskRef,
  ProcessPoolExecutor,
  type TaskRef,
  ThreadPoolExecutor,
  task,
  transfer,
} from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { fixtureTask, POOL_KINDS, seenAsDone, thrownBy, usePools } from './executor-support.js'

const { pool } = usePools()

describe.each(POOL_KINDS)('%s submit (executor.ExecutorTest.test_submit)', (_name, Kind) => {
  it('EX-01 returns a pending Future at once, which ends with the return value', async () => {
    const executor = pool(Kind, { maxWorkers: 2 })
    const future = executor.submit((a: number, b: number) => a ** b, 2, 8)
    expect(future).toBeInstanceOf(Future)
    expect(future.done()).toBe(false)
    await expect(future.result()).resolves.toBe(256)
    expect(future.done()).toBe(true)
  })

  it('EX-01 the future ends with the exception the call threw', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit((n: number) => {
      if (n > 0) throw new RangeError(`too big: ${n}`)
      return n
    }, 5)
    await expect(future.result()).rejects.toThrow(new RangeError('too big: 5'))
    const error = await future.exception()
    expect(error).toBeInstanceOf(RangeError)
  })

  it('EX-01 passes every positional argument, undefined included', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit((...args: unknown[]) => args, 1, undefined, 'three', null)
    await expect(future.result()).resolves.toEqual([1, undefined, 'three', null])
  })

  it('EX-01 many submissions all end with their own results, in any batch', async () => {
    const executor = pool(Kind, { maxWorkers: 2 })
    const futures = Array.from({ length: 300 }, (_, i) => executor.submit((n: number) => n * 3, i))
    const results = await Promise.all(futures.map((f) => f.result()))
    expect(results).toEqual(Array.from({ length: 300 }, (_, i) => i * 3))
  })

  it('runs a task by reference: task(moduleUrl, exportName)', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const add = task<[number, number], number>(
      new URL('./fixtures/tasks.mjs', import.meta.url),
      'addNumbers',
    )
    expect(isTaskRef(add)).toBe(true)
    await expect(executor.submit(add, 20, 22).result()).resolves.toBe(42)
  })

  it('runs the default export when no export name is given', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const double: TaskRef<[number], number> = task(new URL('./fixtures/tasks.mjs', import.meta.url))
    await expect(executor.submit(double, 21).result()).resolves.toBe(42)
  })

  it('fails the future when the export is not a function', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit(fixtureTask('noSuchExport'))
    await expect(future.result()).rejects.toThrow(TypeError)
    await expect(executor.submit(fixtureTask('identity'), 'still fine').result()).resolves.toBe(
      'still fine',
    )
  })

  it('awaits an async task, by source and by reference', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const bySource = executor.submit(async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return n + 1
    }, 41)
    const byRef = executor.submit(fixtureTask<[number], Promise<number>>('asyncDouble'), 21)
    await expect(bySource.result()).resolves.toBe(42)
    await expect(byRef.result()).resolves.toBe(42)
  })

  it('a future cancelled in the same turn as its submit never runs and ends notified', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const cancelled = executor.submit(fixtureTask('exitWith'), 1)
    expect(cancelled.cancel()).toBe(true)
    await expect(executor.submit(fixtureTask('identity'), 'next').result()).resolves.toBe('next')
    expect(cancelled.cancelled()).toBe(true)
    expect(await seenAsDone([cancelled])).toBe(1)
  })

  it('fails the future with the rejection of an async task', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit(fixtureTask('rejectWith'), 'async failure')
    await expect(future.result()).rejects.toThrow(new TypeError('async failure'))
  })
})

describe('task()', () => {
  it('takes a URL, an absolute path or a URL string', () => {
    const url = new URL('./fixtures/tasks.mjs', import.meta.url)
    expect(task(url, 'identity')).toMatchObject({ moduleUrl: url.href, exportName: 'identity' })
    expect(task('/abs/tasks.mjs', 'x').moduleUrl).toBe('file:///abs/tasks.mjs')
    expect(task('data:text/javascript,export default 1').exportName).toBe('default')
  })

  it('throws TypeError for a relative path or an empty export name', () => {
    expect(() => task('./tasks.mjs', 'identity')).toThrow(TypeError)
    expect(() => task(new URL('./fixtures/tasks.mjs', import.meta.url), '')).toThrow(TypeError)
  })
})

describe.each(POOL_KINDS)('%s submit of something not callable', (_name, Kind) => {
  it.each([
    ['a number', 42],
    ['a string', 'print'],
    ['null', null],
    ['undefined', undefined],
    ['a plain object', { moduleUrl: 'file:///x.mjs', exportName: 'x' }],
  ])('EX-02 throws TypeError at the call for %s; no future is made', (_what, value) => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const error = thrownBy(() => executor.submit(value as never))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/function or a task\(\) reference/)
  })

  it('EX-02 throws TypeError at the call for a bound function', () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const bound = ((a: number) => a).bind(null)
    const error = thrownBy(() => executor.submit(bound, 1))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/bound function/)
  })

  it('EX-02 throws TypeError at the call for a native function', () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    expect(() => executor.submit(Math.max, 1, 2)).toThrow(TypeError)
  })

  it('EX-02 throws TypeError at the call for a class', () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    class Task {}
    expect(() => executor.submit(Task as never)).toThrow(TypeError)
  })

  it('EX-02 throws TypeError at the call for a method written in shorthand', () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const holder = {
      method(n: number) {
        return n
      },
    }
    expect(() => executor.submit(holder.method, 1)).toThrow(TypeError)
  })

  it('EX-02 the pool still works after a rejected submit', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    expect(() => executor.submit(42 as never)).toThrow(TypeError)
    await expect(executor.submit((n: number) => n, 7).result()).resolves.toBe(7)
  })
})

describe.each(POOL_KINDS)(
  '%s throwing task (test_deadlock.ExecutorDeadlockTest.test_exit_during_func_exec_on_worker)',
  (_name, Kind) => {
    it('EX-26 a task that throws fails only its future; the same worker runs the next task', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const whoami = fixtureTask<[], string>('whoami')
      const before = await executor.submit(whoami).result()
      const failing = executor.submit(fixtureTask('throwPlainError'), 'exit-like')
      await expect(failing.result()).rejects.toThrow('exit-like')
      await expect(executor.submit(whoami).result()).resolves.toBe(before)
      await expect(executor.submit((n: number) => 2 ** n, 3).result()).resolves.toBe(8)
    })
  },
)

describe('transfer()', () => {
  it('moves an ArrayBuffer to a worker thread instead of copying it', async () => {
    const executor = pool(ThreadPoolExecutor, { maxWorkers: 1 })
    const bytes = new Uint8Array([1, 2, 3, 4])
    const future = executor.submit(fixtureTask<[Uint8Array], number>('sumBytes'), transfer(bytes))
    await expect(future.result()).resolves.toBe(10)
    expect(bytes.byteLength).toBe(0)
  })

  it('a process pool copies a transferred value (no shared address space)', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1 })
    const bytes = new Uint8Array([1, 2, 3, 4])
    const future = executor.submit(fixtureTask<[Uint8Array], number>('sumBytes'), transfer(bytes))
    await expect(future.result()).resolves.toBe(10)
  })

  it.each(POOL_KINDS)('a %s task can return a transferred value', async (_name, Kind) => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const makeBytes = task<[number], Uint8Array>(
      new URL('./fixtures/transfer-tasks.mjs', import.meta.url),
      'makeBytes',
    )
    const result = await executor.submit(makeBytes, 3).result()
    expect(result).toEqual(new Uint8Array([7, 7, 7]))
  })

  it('throws TypeError when there is nothing to transfer', () => {
    expect(() => transfer({ a: 1 })).toThrow(TypeError)
  })
})

describe.each(POOL_KINDS)('%s values crossing by structured clone', (_name, Kind) => {
  it('BigInt, Map, Set, Date, typed arrays and nested records survive both ways', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const value = {
      big: 2n ** 70n,
      map: new Map<unknown, unknown>([
        ['a', 1],
        [2, new Set(['b'])],
      ]),
      date: new Date(86_400_000),
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([0.5, -1.25]),
      nested: { list: [1, 'two', { three: 3n }], nothing: null, missing: undefined },
      regexp: /a+b/gi,
    }
    const echoed = await executor.submit(fixtureTask('identity'), value).result()
    expect(echoed).toEqual(value)
    expect((echoed as typeof value).bytes).toBeInstanceOf(Uint8Array)
    expect((echoed as typeof value).floats).toBeInstanceOf(Float64Array)
  })

  it('a value made in the worker crosses back (BigInt arithmetic, a Map)', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const future = executor.submit(
      (n: bigint) =>
        new Map<string, unknown>([
          ['square', n * n],
          ['bytes', new Int16Array([-1, 2])],
        ]),
      12345678901234567890n,
    )
    const result = await future.result()
    expect(result.get('square')).toBe(12345678901234567890n * 12345678901234567890n)
    expect(result.get('bytes')).toEqual(new Int16Array([-1, 2]))
  })
})
