import { CONCURRENT_FUTURE_BRAND } from '@futures/core'
import { describe, expect, it } from 'vitest'
import { CancelledError, createTask, gather, newEventLoop, sleep, type Task } from '../src/index.js'
import { captureHandler, collectGarbage, track, virtualLoop } from './helpers.js'

/** Settles `t` and returns how: ['ok', value] | ['err', error]. */
async function outcome(t: PromiseLike<unknown>): Promise<['ok', unknown] | ['err', unknown]> {
  try {
    return ['ok', await t]
  } catch (error) {
    return ['err', error]
  }
}

const kinds = ['async', 'generator'] as const
type Kind = (typeof kinds)[number]

/** A task of `kind` that sleeps `ms`, then returns `value` (or throws it if an Error). */
function sleeper(kind: Kind, ms: number, value: unknown, log?: string[]): Task<unknown> {
  if (kind === 'async') {
    return createTask(async () => {
      try {
        await sleep(ms)
      } catch (error) {
        log?.push(`cancelled ${(error as Error).message}`)
        throw error
      }
      if (value instanceof Error) throw value
      return value
    })
  }
  return createTask(function* () {
    try {
      yield* sleep(ms)
    } catch (error) {
      log?.push(`cancelled ${(error as Error).message}`)
      throw error
    }
    if (value instanceof Error) throw value
    return value
  })
}

describe('gather (test_tasks.GatherTestsBase, FutureGatherTests, CoroutineGatherTests)', () => {
  it('AG-01 gather([]) is done at once with []', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const outer = gather([])
      expect(outer.done()).toBe(true)
      expect(outer.result()).toEqual([])
    })
  })

  it('AG-02 results follow the argument order, not the completion order', async () => {
    const loop = virtualLoop()
    const result = await loop.runUntilComplete(async () =>
      gather([sleep(20, 'a'), sleep(10, 'b'), async () => 'c']),
    )
    expect(result).toEqual(['a', 'b', 'c'])
  })

  it('AG-03 a future or coroutine given twice runs once and fills both places', async () => {
    const loop = virtualLoop()
    let runs = 0
    const coro = async (): Promise<string> => {
      runs++
      return 'once'
    }
    const result = await loop.runUntilComplete(async () => {
      const f = loop.createFuture<number>()
      f.setResult(1)
      return gather([f, f, coro, coro])
    })
    expect(result).toEqual([1, 1, 'once', 'once'])
    expect(runs).toBe(1)
  })

  for (const kind of kinds) {
    it(`AG-04 (${kind}) the first failure fails the gather at once; the sibling is not cancelled`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const slow = sleeper(kind, 50, 'slow')
        const failing = sleeper(kind, 10, new RangeError('v'))
        const [how, error] = await outcome(gather([slow, failing]))
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(RangeError)
        expect(loop.time()).toBe(10)
        expect(slow.done()).toBe(false)
        expect(await slow).toBe('slow')
        expect(slow.cancelled()).toBe(false)
      })
    })
  }

  it('AG-05 returnExceptions: true puts errors in their places', async () => {
    const loop = virtualLoop()
    const error = new Error('k')
    const result = await loop.runUntilComplete(async () =>
      gather(
        [
          async () => 'a',
          async () => {
            throw error
          },
        ],
        { returnExceptions: true },
      ),
    )
    expect(result).toEqual(['a', error])
    expect(result[1]).toBe(error)
  })

  it('AG-06 a cancelled child fails the gather with its CancelledError; the gather is not cancelled', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const a = loop.createFuture()
      const b = loop.createFuture()
      const outer = gather([a, b])
      a.cancel('child-msg')
      await sleep(0)
      await sleep(0)
      expect(outer.done()).toBe(true)
      expect(outer.cancelled()).toBe(false)
      const error = outer.exception()
      expect(error).toBeInstanceOf(CancelledError)
      expect((error as Error).message).toBe('child-msg')
      expect(b.cancelled()).toBe(false)
    })
  })

  for (const kind of kinds) {
    it(`AG-07 (${kind}) cancelled children give new CancelledErrors with the cancel message; a raised one gives ''`, async () => {
      const loop = virtualLoop()
      const result = await loop.runUntilComplete(async () => {
        const a = sleeper(kind, 10, 'a')
        const m = sleeper(kind, 10, 'm')
        const own =
          kind === 'async'
            ? createTask(async () => {
                throw new CancelledError('own')
              })
            : createTask(function* () {
                yield
                throw new CancelledError('own')
              })
        const ok = sleeper(kind, 5, 1)
        const outer = gather([a, m, own, ok], { returnExceptions: true })
        await sleep(0)
        a.cancel()
        m.cancel('m')
        return outer
      })
      expect(result.map((r) => (r instanceof CancelledError ? `CE(${r.message})` : r))).toEqual([
        'CE()',
        'CE(m)',
        'CE()',
        1,
      ])
    })
  }

  for (const kind of kinds) {
    it(`AG-08 (${kind}) cancel(msg) cancels the children; the gather ends FINISHED with CancelledError(msg)`, async () => {
      const loop = virtualLoop()
      const log: string[] = []
      await loop.runUntilComplete(async () => {
        const a = sleeper(kind, 100, 'a', log)
        const b = sleeper(kind, 100, 'b', log)
        const outer = gather([a, b])
        await sleep(0)
        expect(outer.cancel('outer')).toBe(true)
        expect(outer.cancelled()).toBe(false)
        const [how, error] = await outcome(outer)
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(CancelledError)
        expect((error as Error).message).toBe('outer')
        expect(a.cancelled() && b.cancelled()).toBe(true)
        expect(outer.cancelled()).toBe(false)
        expect(outer.exception()).toBeInstanceOf(CancelledError)
      })
      expect(log).toEqual(['cancelled outer', 'cancelled outer'])
    })

    it(`AG-08 (${kind}) cancelling the task that awaits a gather cancels the children and the task`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const a = sleeper(kind, 100, 'a')
        const b = sleeper(kind, 100, 'b')
        const waiter =
          kind === 'async'
            ? createTask(async () => gather([a, b]))
            : createTask(function* () {
                return yield* gather([a, b])
              })
        await sleep(1)
        waiter.cancel('stop')
        const [how, error] = await outcome(waiter)
        expect(how).toBe('err')
        expect((error as Error).message).toBe('stop')
        expect(waiter.cancelled()).toBe(true)
        expect(a.cancelled() && b.cancelled()).toBe(true)
      })
    })
  }

  it('AG-09 a cancelled returnExceptions gather still throws CancelledError', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const outer = gather([sleep(100), sleep(100)], { returnExceptions: true })
      await sleep(0)
      expect(outer.cancel()).toBe(true)
      const [how, error] = await outcome(outer)
      expect(how).toBe('err')
      expect(error).toBeInstanceOf(CancelledError)
    })
  })

  it('AG-10 a gather whose children are all done cannot be cancelled, even before it delivered', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const a = loop.createFuture()
      a.setResult(1)
      const outer = gather([a])
      expect(outer.done()).toBe(false)
      expect(outer.cancel()).toBe(false)
      expect(await outer).toEqual([1])
    })
  })

  it('AG-11 a value that is not awaitable, a concurrent Future, futures of two loops: errors at the call', async () => {
    const loop = virtualLoop()
    const other = track(newEventLoop())
    await loop.runUntilComplete(async () => {
      expect(() => gather([1 as never])).toThrow(
        new TypeError('An aio Future, a coroutine or an awaitable is required'),
      )
      const concurrent = { [CONCURRENT_FUTURE_BRAND]: true }
      expect(() => gather([concurrent as never])).toThrow(/wrapFuture/)
      expect(() => gather([loop.createFuture(), other.createFuture()])).toThrow(
        'The future belongs to a different loop than the one specified as the loop argument',
      )
    })
  })

  it('AG-12 failures after the gather failed are marked retrieved, not reported', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    await loop.runUntilComplete(async () => {
      const outer = gather([
        async () => {
          throw new Error('first')
        },
        async () => {
          await sleep(10)
          throw new Error('second')
        },
      ])
      await outcome(outer)
      await sleep(20)
    })
    await collectGarbage()
    expect(seen).toEqual([])
  })

  it('AG-13 a gather of done children completes one iteration later, not at the call', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const f = loop.createFuture<number>()
      f.setResult(1)
      const outer = gather([f])
      expect(outer.done()).toBe(false)
      await sleep(0)
      expect(outer.done()).toBe(true)
      expect(outer.result()).toEqual([1])
    })
  })

  it('AG-14 cancelling a gather that already failed returns false and leaves the siblings running', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const slow = sleeper('async', 100, 'slow')
      const outer = gather([slow, sleeper('async', 1, new Error('x'))])
      await outcome(outer)
      expect(outer.cancel()).toBe(false)
      expect(slow.cancelled()).toBe(false)
      expect(await slow).toBe('slow')
    })
  })

  it('AG-02 types: an array in, a typed tuple out', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const f = loop.createFuture<number>()
      f.setResult(1)
      const [n, s] = await gather([f, async () => 'x'])
      const typed: [number, string] = [n, s]
      expect(typed).toEqual([1, 'x'])
    })
  })
})
