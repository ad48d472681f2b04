import { CONCURRENT_FUTURE_BRAND } from '@futures/core'
import { describe, expect, it } from 'vitest'
import { asCompleted, createTask, type Future, sleep, TimeoutError } from '../src/index.js'
import { virtualLoop } from './helpers.js'

async function outcome(t: PromiseLike<unknown>): Promise<string> {
  try {
    return `ok ${String(await t)}`
  } catch (error) {
    return `${(error as Error).name} ${(error as Error).message}`
  }
}

describe('asCompleted (test_tasks.BaseTaskTests.test_as_completed*)', () => {
  it('AG-21 plain iteration yields new awaitables giving results in completion order', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const slow = createTask(async () => {
        await sleep(20)
        return 'slow'
      })
      const fast = async (): Promise<string> => {
        await sleep(10)
        return 'fast'
      }
      const results: unknown[] = []
      const items: Future<string>[] = []
      for (const next of asCompleted([slow, fast])) {
        items.push(next)
        results.push(await next)
      }
      expect(results).toEqual(['fast', 'slow'])
      expect(items.includes(slow)).toBe(false)
    })
  })

  it('AG-21 awaiting the yielded items in reverse still gives completion order; errors are thrown', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const a = createTask(async () => {
        await sleep(10)
        throw new RangeError('a')
      })
      const b = createTask(async () => {
        await sleep(5)
        return 'b'
      })
      const items = [...asCompleted([a, b])]
      expect(await outcome(items[1] as Future<unknown>)).toBe('RangeError a')
      expect(await outcome(items[0] as Future<unknown>)).toBe('ok b')
    })
  })

  it('AG-22 after the timeout the remaining items throw TimeoutError; earlier ones give results', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const quick = createTask(async () => {
        await sleep(10)
        return 'quick'
      })
      const slow = createTask(async () => {
        await sleep(10_000)
        return 'slow'
      })
      const seen: string[] = []
      for (const next of asCompleted([quick, slow], { timeout: 50 })) seen.push(await outcome(next))
      expect(seen).toEqual(['ok quick', 'TimeoutError '])
      expect(loop.time()).toBe(50)
      expect(slow.cancelled()).toBe(false)
      slow.cancel()
    })
  })

  it('AG-22 an unused timeout changes nothing', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const seen: string[] = []
      for (const next of asCompleted([sleep(5, 'x')], { timeout: 100 }))
        seen.push(await outcome(next))
      expect(seen).toEqual(['ok x'])
      await sleep(200)
    })
  })

  it('AG-23 a single future, or a concurrent Future, is refused; duplicates yield once', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const f = loop.createFuture<number>()
      expect(() => asCompleted(f as never)).toThrow(
        new TypeError('expect an iterable of futures, not Future'),
      )
      expect(() => asCompleted([{ [CONCURRENT_FUTURE_BRAND]: true }] as never)).toThrow(
        /wrapFuture/,
      )
      f.setResult(1)
      const items = [...asCompleted([f, f])]
      expect(items).toHaveLength(1)
      expect(await (items[0] as Future<number>)).toBe(1)
    })
  })

  for (const kind of ['async', 'generator'] as const) {
    it(`AG-24 (${kind}) for await yields the original futures and tasks as they complete`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const a = createTask(async () => {
          await sleep(20)
          return 'a'
        })
        const b = loop.createFuture<string>()
        loop.callLater(10, () => b.setResult('b'))
        const coro =
          kind === 'async'
            ? async (): Promise<string> => {
                await sleep(30)
                return 'c'
              }
            : function* (): Generator<unknown, string> {
                yield* sleep(30)
                return 'c'
              }
        const order: unknown[] = []
        for await (const f of asCompleted([a, b, coro])) {
          order.push(f === a ? 'a' : f === b ? 'b' : `task ${f.result()}`)
        }
        expect(order).toEqual(['b', 'a', 'task c'])
      })
    })
  }

  it('AG-24 for await with a timeout rejects with TimeoutError at the deadline', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const never = loop.createFuture()
      const seen: string[] = []
      try {
        for await (const f of asCompleted([sleep(5, 'x'), never], { timeout: 20 })) {
          seen.push(String(f.result()))
        }
      } catch (error) {
        expect(error).toBeInstanceOf(TimeoutError)
        seen.push('timeout')
      }
      expect(seen).toEqual(['x', 'timeout'])
      expect(loop.time()).toBe(20)
    })
  })
})
