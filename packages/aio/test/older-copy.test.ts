/**
 * Two installed copies of the package share the running loop and mix futures (DESIGN: brands,
 * not `instanceof`). A loop or future made by an older copy has none of this copy's internal
 * entry points (registered symbols): the package's own scheduling falls back to the public
 * `callSoon` / `callAt` / `addDoneCallback`. Simulated here by hiding those entry points.
 */
import { describe, expect, it } from 'vitest'
import {
  asCompleted,
  type EventLoop,
  FIRST_COMPLETED,
  type Future,
  gather,
  shield,
  sleep,
  TimeoutError,
  timeout,
  wait,
  waitFor,
  withTaskGroup,
} from '../src/index.js'
import { virtualLoop } from './helpers.js'

const hidden = [
  Symbol.for('@futures/aio/EventLoop.callSoonInternal'),
  Symbol.for('@futures/aio/EventLoop.callAtInternal'),
  Symbol.for('@futures/aio/Future.addCallbackInternal'),
]

function hideInternals<T extends object>(x: T): T {
  for (const key of hidden) Object.defineProperty(x, key, { value: undefined, configurable: true })
  return x
}

/** Calls one of the loop's own public methods, which (in this copy) use the hidden entry points. */
function unhidden<R>(x: object, fn: () => R): R {
  for (const key of hidden) delete (x as Record<symbol, unknown>)[key]
  try {
    return fn()
  } finally {
    hideInternals(x)
  }
}

/** A loop whose own futures look like an older copy's, and a count of public calls. */
function olderLoop(): { loop: EventLoop; publicCalls: Record<string, number> } {
  const loop = hideInternals(virtualLoop())
  const publicCalls: Record<string, number> = { callSoon: 0, callAt: 0, addDoneCallback: 0 }
  const { callSoon, callAt, createFuture } = loop
  loop.callSoon = (...args) => {
    publicCalls.callSoon = (publicCalls.callSoon ?? 0) + 1
    return unhidden(loop, () => callSoon.apply(loop, args as never))
  }
  loop.callAt = (...args) => {
    publicCalls.callAt = (publicCalls.callAt ?? 0) + 1
    return unhidden(loop, () => callAt.apply(loop, args as never))
  }
  loop.createFuture = <T>() => {
    const f = hideInternals(createFuture.call(loop) as Future<T>)
    const add = f.addDoneCallback
    f.addDoneCallback = (...args) => {
      publicCalls.addDoneCallback = (publicCalls.addDoneCallback ?? 0) + 1
      return add.apply(f, args as never)
    }
    return f
  }
  return { loop, publicCalls }
}

describe('a loop and futures of an older copy of the package', () => {
  it('tasks of both coroutine kinds, sleep, gather, wait, asCompleted, waitFor, shield, timeout and TaskGroup work on it', async () => {
    const { loop, publicCalls } = olderLoop()
    const result = await loop.runUntilComplete(async () => {
      const f = loop.createFuture<number>()
      loop.callLater(5, () => f.setResult(1))
      const g = loop.createFuture<number>()
      loop.callLater(10, () => g.setResult(2))
      const both = await gather([
        f,
        function* () {
          yield* sleep(1)
          return 'gen'
        },
      ])
      const { done } = await wait([g, loop.createFuture()], { returnWhen: FIRST_COMPLETED })
      const order: number[] = []
      const h = loop.createFuture<number>()
      loop.callLater(3, () => h.setResult(3))
      for (const next of asCompleted([g, h])) order.push(await next)
      const shielded = await shield(h)
      // try/catch, not .catch(): in the browser a task is followed through aio awaits only.
      let late: unknown
      try {
        await waitFor(sleep(50, 'too late'), 10)
      } catch (e) {
        late = e
      }
      let expired: unknown
      try {
        await timeout(5, async () => {
          await sleep(100)
        })
      } catch (e) {
        expired = e
      }
      const children: string[] = []
      await withTaskGroup(async (tg) => {
        tg.createTask(async () => {
          await sleep(1)
          children.push('a')
        })
        tg.createTask(function* () {
          yield* sleep(2)
          children.push('b')
        })
      })
      return {
        both,
        done: [...done].map((x) => x.result()),
        order,
        shielded,
        late: late instanceof TimeoutError,
        expired: expired instanceof TimeoutError,
        children,
      }
    })
    expect(result).toEqual({
      both: [1, 'gen'],
      done: [2],
      order: [2, 3],
      shielded: 3,
      late: true,
      expired: true,
      children: ['a', 'b'],
    })
    // The package really went through the public methods of the older loop and futures.
    expect(publicCalls.callSoon).toBeGreaterThan(0)
    expect(publicCalls.callAt).toBeGreaterThan(0)
    expect(publicCalls.addDoneCallback).toBeGreaterThan(0)
  })
})
