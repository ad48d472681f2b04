import { CONCURRENT_FUTURE_BRAND } from '@futures/core'
import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  createTask,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type Future,
  sleep,
  wait,
} from '../src/index.js'
import { virtualLoop } from './helpers.js'

async function outcome(t: PromiseLike<unknown>): Promise<['ok', unknown] | ['err', unknown]> {
  try {
    return ['ok', await t]
  } catch (error) {
    return ['err', error]
  }
}

/** `set` holds exactly the objects in `items` (compared by identity, futures not iterated). */
function expectSet(set: Set<unknown>, items: unknown[]): void {
  expect(set.size).toBe(items.length)
  for (const item of items) expect(set.has(item)).toBe(true)
}

describe('wait (test_tasks.BaseTaskTests.test_wait*)', () => {
  it('AG-15 ALL_COMPLETED (the default) returns the very futures, all in done', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const a = createTask(async () => sleep(10, 'a'))
      const b = createTask(async () => sleep(20, 'b'))
      const { done, pending } = await wait([a, b])
      expect(loop.time()).toBe(20)
      expectSet(done, [a, b])
      expect([...done].every((f) => f === a || f === b)).toBe(true)
      expect(pending.size).toBe(0)
    })
  })

  it('AG-15 FIRST_COMPLETED returns as soon as one is done', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const t1 = createTask(async () => {
        await sleep(10)
        return 't1'
      })
      const t2 = createTask(async () => {
        await sleep(100)
        return 't2'
      })
      const { done, pending } = await wait([t1, t2], { returnWhen: FIRST_COMPLETED })
      expect(loop.time()).toBe(10)
      expectSet(done, [t1])
      expectSet(pending, [t2])
      t2.cancel()
    })
  })

  it('AG-16 the timeout returns what is done and pending, without throwing or cancelling', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const t1 = createTask(async () => sleep(10))
      const t2 = createTask(async () => sleep(100))
      const { done, pending } = await wait([t1, t2], { timeout: 50 })
      expect(loop.time()).toBe(50)
      expectSet(done, [t1])
      expectSet(pending, [t2])
      expect(t2.cancelled()).toBe(false)
      await t2
    })
  })

  it('AG-17 FIRST_EXCEPTION: a cancelled future is done but does not end the wait', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const cancelled = loop.createFuture()
      cancelled.cancel()
      const never = loop.createFuture()
      const r = await wait([cancelled, never], { returnWhen: FIRST_EXCEPTION, timeout: 50 })
      expect(loop.time()).toBe(50)
      expectSet(r.done, [cancelled])
      expectSet(r.pending, [never])
    })
  })

  it('AG-17 FIRST_EXCEPTION: a failure (already there or later) ends it at once; none waits for all', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const failed = loop.createFuture()
      failed.setException(new Error('x'))
      const never = loop.createFuture()
      const r1 = await wait([failed, never], { returnWhen: FIRST_EXCEPTION })
      expectSet(r1.done, [failed])
      const late = createTask(async () => {
        await sleep(10)
        throw new Error('late')
      })
      const r2 = await wait([late, never], { returnWhen: FIRST_EXCEPTION })
      expect(loop.time()).toBe(10)
      expectSet(r2.done, [late])
      const c = loop.createFuture()
      c.cancel()
      const ok = createTask(async () => sleep(5, 1))
      const r3 = await wait([c, ok], { returnWhen: FIRST_EXCEPTION })
      expect(loop.time()).toBe(15)
      expect(r3.done.size).toBe(2)
    })
  })

  it('AG-18 refuses an empty set, a single future, a coroutine, a bad returnWhen, a concurrent Future: when awaited', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const f = loop.createFuture()
      const cases: [() => Future<unknown>, new (m: string) => Error, RegExp | string][] = [
        [() => wait([]), RangeError, 'Set of Tasks/Futures is empty.'],
        [() => wait(f as never), TypeError, 'expect a list of futures, not Future'],
        [
          () => wait([async () => 1] as never),
          TypeError,
          /Passing coroutines is forbidden.*createTask/,
        ],
        [
          () =>
            wait([
              (function* () {
                yield
              })(),
            ] as never),
          TypeError,
          /Passing coroutines is forbidden/,
        ],
        [
          () => wait([f], { returnWhen: 'BOGUS' as never }),
          RangeError,
          'Invalid return_when value: BOGUS',
        ],
      ]
      for (const [call, type, message] of cases) {
        const result = call()
        const [how, error] = await outcome(result)
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(type)
        if (typeof message === 'string') expect((error as Error).message).toBe(message)
        else expect((error as Error).message).toMatch(message)
      }
    })
  })

  it('AG-18 a concurrent Future is refused at the call with a TypeError naming wrapFuture (DESIGN, BR-28)', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      expect(() => wait([{ [CONCURRENT_FUTURE_BRAND]: true }] as never)).toThrow(/wrapFuture/)
      expect(() => wait([{ [CONCURRENT_FUTURE_BRAND]: true }] as never)).toThrow(TypeError)
    })
  })

  it('AG-18 a thenable is accepted, wrapped in a task (DESIGN)', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const { done } = await wait([Promise.resolve(7)])
      expect([...done].map((f) => f.result())).toEqual([7])
    })
  })

  it('AG-19 duplicates count once; an iterator is accepted', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const t = createTask(async () => sleep(1, 't'))
      function* twice(): Generator<Future<unknown>> {
        yield t
        yield t
      }
      const { done } = await wait(twice())
      expect(done.size).toBe(1)
    })
  })

  for (const kind of ['async', 'generator'] as const) {
    it(`AG-20 (${kind}) cancelling the task in wait() does not cancel the awaited`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const inner = createTask(async () => sleep(50, 'inner'))
        const outer =
          kind === 'async'
            ? createTask(async () => wait([inner]))
            : createTask(function* () {
                return yield* wait([inner])
              })
        await sleep(10)
        outer.cancel()
        const [how, error] = await outcome(outer)
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(CancelledError)
        expect(inner.cancelled()).toBe(false)
        expect(await inner).toBe('inner')
      })
    })
  }
})
