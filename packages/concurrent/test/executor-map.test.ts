import { ProcessPoolExecutor, ThreadPoolExecutor, TimeoutError } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import {
  FINISHED,
  fixtureTask,
  OPEN,
  POOL_KINDS,
  type PoolClass,
  STARTED,
  type Sync,
  thrownBy,
  usePools,
} from './executor-support.js'

const { pool, sync } = usePools()

const AFTER_SHUTDOWN = 'cannot schedule new futures after shutdown'
const gated = fixtureTask<[unknown, number], number>('gated')

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = []
  for await (const value of iterator) values.push(value)
  return values
}

/** Settles every step of `iterator` up to `steps` times: values, errors and the end. */
async function steps<T>(iterator: AsyncIterator<T>, count: number): Promise<unknown[]> {
  const seen: unknown[] = []
  for (let i = 0; i < count; i++) {
    try {
      const step = await iterator.next()
      seen.push(step.done === true ? 'done' : step.value)
    } catch (error) {
      seen.push(error)
    }
  }
  return seen
}

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value)
}

function* naturals(counter: { reads: number }): Generator<number> {
  for (let i = 0; ; i++) {
    counter.reads++
    yield i
  }
}

/**
 * A one-worker pool that has already run one slow task, so the worker exists and the pool
 * hands out slow tasks one at a time. `OPEN` is 1 afterwards: tasks with ticket 0 pass.
 */
async function warmPool(Kind: PoolClass): Promise<[InstanceType<PoolClass>, Sync]> {
  const executor = pool(Kind, { maxWorkers: 1 })
  const counters = sync(Kind)
  counters.add(OPEN)
  await executor.submit(gated, counters.arg, 0).result()
  return [executor, counters]
}

describe.each(POOL_KINDS)(
  '%s map (executor.ExecutorTest.test_map, ThreadPoolExecutorTest.test_map_submits_without_iteration)',
  (_name, Kind) => {
    it('EX-10 submits every call inside map(); they run although nothing is iterated', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const counters = sync(Kind)
      counters.addAll(OPEN)
      executor.map(gated, repeat(counters.arg, 5), [0, 1, 2, 3, 4])
      await counters.until(FINISHED, 5)
      expect(counters.count(STARTED)).toBe(5)
    })

    it('EX-10 yields in input order although the calls finish in reverse order', async () => {
      const executor = pool(Kind, { maxWorkers: 3 })
      const counters = sync(Kind)
      const results = executor.map(
        fixtureTask<[unknown, number, number], number>('reverseOrder'),
        repeat(counters.arg, 3),
        [0, 1, 2],
        [3, 3, 3],
      )
      await expect(collect(results)).resolves.toEqual([0, 1, 2])
    })

    it('EX-10 zips several iterables and stops at the shortest', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const results = executor.map((a: number, b: number) => a + b, [1, 2, 3], [10, 20])
      await expect(collect(results)).resolves.toEqual([11, 22])
    })

    it('EX-10 takes any iterable (a Set, a generator) and returns an async iterator', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      function* letters() {
        yield 'a'
        yield 'b'
      }
      const results = executor.map(
        (n: number, s: string) => s.repeat(n),
        new Set([1, 2]),
        letters(),
      )
      expect(results[Symbol.asyncIterator]()).toBe(results)
      await expect(collect(results)).resolves.toEqual(['a', 'bb'])
    })

    it('EX-10 an iterable that throws makes map() itself throw (it reads the input at the call)', () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      function* failing() {
        yield 1
        throw new Error('input failed')
      }
      expect(() => executor.map((n: number) => n, failing())).toThrow('input failed')
    })

    it('EX-10 map over empty input yields nothing', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      await expect(collect(executor.map((n: number) => n, []))).resolves.toEqual([])
    })

    it('EX-10 checks at the call: a function it cannot send, an argument that is not iterable', () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      expect(() => executor.map(42 as never, [1])).toThrow(TypeError)
      expect(() => executor.map((n: number) => n, 5 as never)).toThrow(TypeError)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s map with a failing call (executor.ExecutorTest.test_map_exception)',
  (_name, Kind) => {
    it('EX-11 rejects at the failing position, after the earlier results, and then ends', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const results = executor.map(fixtureTask<[number], number>('failOnTwo'), [1, 2, 3, 4])
      const seen = await steps(results, 4)
      expect(seen[0]).toBe(1)
      expect(seen[1]).toBeInstanceOf(RangeError)
      expect((seen[1] as Error).message).toBe('bad value 2')
      expect(seen.slice(2)).toEqual(['done', 'done'])
    })

    it('EX-11 the calls not yet consumed are cancelled and never run', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      counters.add(OPEN, 2)
      const results = executor.map(
        fixtureTask<[unknown, number, number], number>('gatedFailAt'),
        repeat(counters.arg, 4),
        [0, 1, 2, 3],
        [1, 1, 1, 1],
      )
      const seen = await steps(results, 3)
      expect(seen[0]).toBe(0)
      expect(seen[1]).toBeInstanceOf(RangeError)
      expect(seen[2]).toBe('done')
      counters.addAll(OPEN)
      await executor.shutdown()
      // 0 and 1 ran; 2 was already running when 1 failed; 3 was cancelled.
      expect(counters.count(STARTED)).toBe(3)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s map timeout (executor.ExecutorTest.test_map_timeout, ThreadPoolExecutorTest.test_executor_map_current_future_cancel)',
  (_name, Kind) => {
    it('EX-12 the next result not ready by the deadline rejects TimeoutError (empty message); what is pending is cancelled; the iterator ends', async () => {
      const [executor, counters] = await warmPool(Kind)
      const results = executor.map(gated, repeat(counters.arg, 3), [0, 1, 2], { timeout: 500 })
      const seen = await steps(results, 3)
      expect(seen[0]).toBe(0)
      expect(seen[1]).toBeInstanceOf(TimeoutError)
      expect((seen[1] as Error).message).toBe('')
      expect(seen[2]).toBe('done')
      counters.addAll(OPEN)
      await executor.shutdown()
      // The warm-up, item 0 and item 1 (running when the deadline passed) ran; item 2 did not.
      expect(counters.count(STARTED)).toBe(3)
    })

    it('EX-12 the deadline runs from the map() call: a result ready before it is returned even if read after it', async () => {
      const [executor, counters] = await warmPool(Kind)
      const deadline = Date.now() + 1_000
      const results = executor.map(gated, [counters.arg], [0], { timeout: 1_000 })
      await counters.until(FINISHED, 2)
      // Read only once the deadline has passed.
      await new Promise((resolve) => setTimeout(resolve, deadline - Date.now() + 100))
      await expect(steps(results, 2)).resolves.toEqual([0, 'done'])
    })

    it('EX-12 when the deadline has already passed and nothing is ready, the first next() rejects at once', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      const results = executor.map(gated, repeat(counters.arg, 4), [0, 1, 2, 3], { timeout: 0 })
      const seen = await steps(results, 2)
      expect(seen[0]).toBeInstanceOf(TimeoutError)
      expect(seen[1]).toBe('done')
      counters.addAll(OPEN)
      await executor.shutdown()
      // CPython: "timeout=0 on first next(): calls that ran: [0]".
      expect(counters.count(STARTED)).toBe(1)
    })

    it('EX-12 a negative timeout acts as 0', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      const results = executor.map(gated, [counters.arg], [0], { timeout: -5 })
      await expect(results.next()).rejects.toThrow(TimeoutError)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s leaving a map early (executor.ExecutorTest.test_map_close)',
  (_name, Kind) => {
    it('EX-13 return() before the first next() cancels every call that has not started (DESIGN)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      const results = executor.map(gated, repeat(counters.arg, 6), [0, 1, 2, 3, 4, 5])
      await counters.until(STARTED, 1)
      await expect(results.return?.()).resolves.toEqual({ done: true, value: undefined })
      await expect(results.next()).resolves.toEqual({ done: true, value: undefined })
      counters.addAll(OPEN)
      await executor.shutdown()
      expect(counters.count(STARTED)).toBe(1)
    })

    it('EX-13 break after the first result: the running call finishes, the rest never run', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      counters.add(OPEN)
      const seen: number[] = []
      for await (const value of executor.map(gated, repeat(counters.arg, 6), [0, 1, 2, 3, 4, 5])) {
        seen.push(value)
        break
      }
      expect(seen).toEqual([0])
      counters.addAll(OPEN)
      await executor.shutdown()
      // CPython: "close after first next(): calls that ran: [0, 1]".
      expect(counters.count(STARTED)).toBe(2)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s map chunksize (ProcessPoolExecutorTest.test_map_chunksize)',
  (_name, Kind) => {
    it.each([
      [0, RangeError],
      [-1, RangeError],
      [1.5, TypeError],
      ['2', TypeError],
      [null, TypeError],
    ])(
      'EX-14 chunksize %s throws %O at the call (DESIGN: checked for both kinds)',
      (chunksize, ErrorClass) => {
        const executor = pool(Kind, { maxWorkers: 1 })
        const error = thrownBy(() =>
          executor.map((n: number) => n, [1, 2], { chunksize: chunksize as number }),
        )
        expect(error).toBeInstanceOf(ErrorClass)
        expect((error as Error).message).toMatch(/^chunksize must be/)
      },
    )

    it('EX-14 chunksize 0 names the rule (CPython: chunksize must be >= 1.)', () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      expect(() => executor.map((n: number) => n, [1], { chunksize: 0 })).toThrow(
        'chunksize must be >= 1',
      )
    })

    it.each([1, 2, 3, 10])(
      'EX-14 chunksize %i changes neither the results nor their order',
      async (chunksize) => {
        const executor = pool(Kind, { maxWorkers: 2 })
        const results = executor.map(
          fixtureTask<[number, number], number>('power'),
          [0, 1, 2, 3, 4, 5, 6],
          [0, 1, 2, 3, 4, 5, 6],
          {
            chunksize,
          },
        )
        await expect(collect(results)).resolves.toEqual([1, 1, 4, 27, 256, 3125, 46656])
      },
    )
  },
)

describe('ProcessPoolExecutor map chunks', () => {
  it("EX-15 one failing item fails its whole chunk, at the chunk's first position", async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 2 })
    const results = executor.map(
      fixtureTask<[number, number], number>('divide'),
      repeat(6, 6),
      [1, 2, 3, 3, 0, 2],
      {
        chunksize: 3,
      },
    )
    const seen = await steps(results, 5)
    expect(seen.slice(0, 3)).toEqual([6, 3, 2])
    expect(seen[3]).toBeInstanceOf(RangeError)
    expect((seen[3] as Error).message).toBe('division by zero')
    expect(seen[4]).toBe('done')
  })
})

describe('ThreadPoolExecutor map chunks', () => {
  it('EX-15 the thread pool ignores chunksize: only the failing item fails', async () => {
    const executor = pool(ThreadPoolExecutor, { maxWorkers: 2 })
    const results = executor.map(
      fixtureTask<[number, number], number>('divide'),
      repeat(6, 6),
      [1, 2, 3, 3, 0, 2],
      {
        chunksize: 3,
      },
    )
    const seen = await steps(results, 6)
    expect(seen.slice(0, 4)).toEqual([6, 3, 2, 2])
    expect(seen[4]).toBeInstanceOf(RangeError)
    expect(seen[5]).toBe('done')
  })
})

describe.each(POOL_KINDS)('%s map with chunksize 1 and a failing item', (_name, Kind) => {
  it('EX-15 with chunksize 1 the failure is at the item itself', async () => {
    const executor = pool(Kind, { maxWorkers: 2 })
    const results = executor.map(
      fixtureTask<[number, number], number>('divide'),
      repeat(6, 4),
      [1, 0, 3, 2],
    )
    const seen = await steps(results, 3)
    expect(seen[0]).toBe(6)
    expect(seen[1]).toBeInstanceOf(RangeError)
    expect(seen[2]).toBe('done')
  })
})

describe.each(POOL_KINDS)(
  '%s map buffersize (executor.ExecutorTest.test_map_buffersize*, 3.14)',
  (_name, Kind) => {
    it.each([
      [1.5, TypeError, 'buffersize must be an integer or undefined, got 1.5'],
      ['2', TypeError, 'buffersize must be an integer or undefined, got 2'],
      [null, TypeError, 'buffersize must be an integer or undefined, got null'],
    ])(
      'EX-16 buffersize %j throws TypeError (test_map_buffersize_type_validation)',
      (buffersize, ErrorClass, message) => {
        const executor = pool(Kind, { maxWorkers: 1 })
        const error = thrownBy(() =>
          executor.map((n: number) => n, [1], { buffersize: buffersize as number }),
        )
        expect(error).toBeInstanceOf(ErrorClass)
        expect((error as Error).message).toBe(message)
      },
    )

    it.each([0, -1])(
      'EX-16 buffersize %i throws RangeError (test_map_buffersize_value_validation)',
      (buffersize) => {
        const executor = pool(Kind, { maxWorkers: 1 })
        const error = thrownBy(() => executor.map((n: number) => n, [1], { buffersize }))
        expect(error).toBeInstanceOf(RangeError)
        expect((error as Error).message).toBe(
          `buffersize must be undefined or > 0, got ${buffersize}`,
        )
      },
    )

    it('EX-16 reads only buffersize items ahead, so an endless iterable works (test_map_buffersize_on_infinite_iterable)', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const counter = { reads: 0 }
      const results = executor.map((n: number) => n * 2, naturals(counter), { buffersize: 2 })
      expect(counter.reads).toBe(2)
      const first = await results.next()
      expect(first).toEqual({ done: false, value: 0 })
      expect(counter.reads).toBe(3)
      const taken: number[] = [first.value as number]
      for await (const value of results) {
        taken.push(value)
        if (taken.length === 5) break
      }
      expect(taken).toEqual([0, 2, 4, 6, 8])
      expect(counter.reads).toBeLessThanOrEqual(5 + 2)
    })

    it('EX-16 zips several iterables (test_map_buffersize_on_multiple_iterables)', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const counter = { reads: 0 }
      const results = executor.map(
        (a: number, b: number) => a + b,
        naturals(counter),
        [10, 20, 30],
        {
          buffersize: 2,
        },
      )
      await expect(collect(results)).resolves.toEqual([10, 21, 32])
    })

    it('EX-16 an empty iterable yields nothing (test_map_buffersize_on_empty_iterable)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      await expect(collect(executor.map((n: number) => n, [], { buffersize: 2 }))).resolves.toEqual(
        [],
      )
    })

    it('EX-16 with a full buffer nothing more is submitted until a result is taken (test_map_buffersize_when_buffer_is_full)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      const counter = { reads: 0 }
      const tickets = naturals(counter)
      const args = (function* () {
        for (;;) yield counters.arg
      })()
      const results = executor.map(gated, args, tickets, { buffersize: 2 })
      await counters.until(STARTED, 1)
      expect(counter.reads).toBe(2)
      counters.add(OPEN)
      await expect(results.next()).resolves.toEqual({ done: false, value: 0 })
      expect(counter.reads).toBe(3)
      await results.return?.()
    })

    it('EX-16 the results and their order are those without buffersize', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const input = [5, 3, 8, 1, 9, 2, 7]
      const unbuffered = await collect(executor.map((n: number) => n * n, input))
      const buffered = await collect(executor.map((n: number) => n * n, input, { buffersize: 3 }))
      expect(buffered).toEqual(unbuffered)
      expect(buffered).toEqual([25, 9, 64, 1, 81, 4, 49])
    })
  },
)

describe.each(POOL_KINDS)('%s map after shutdown', (_name, Kind) => {
  it('EX-17 throws the shutdown error at the call', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    await executor.shutdown()
    const error = thrownBy(() => executor.map((n: number) => n, [1, 2]))
    expect((error as Error).constructor).toBe(Error)
    expect((error as Error).message).toBe(AFTER_SHUTDOWN)
  })

  it('EX-17 with empty input it throws the same error, or yields nothing (DESIGN allows both)', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    await executor.shutdown()
    let outcome: unknown
    try {
      outcome = await collect(executor.map((n: number) => n, []))
    } catch (error) {
      outcome = error
    }
    if (Array.isArray(outcome)) expect(outcome).toEqual([])
    else expect((outcome as Error).message).toBe(AFTER_SHUTDOWN)
  })
})
