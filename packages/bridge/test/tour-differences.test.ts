/**
 * Each difference the tour (`pnpm demo`, section 9) shows, checked on both sides, with the
 * bridge call that makes the two kinds mix.
 */
import * as aio from '@futures/aio'
import { Future, InvalidStateError, TimeoutError, wait } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { isFuture, toConcurrentFuture, wrapFuture } from '../src/index.js'
import { makeLoop } from './helpers.js'

describe('the tour, difference by difference', () => {
  it('(a) a concurrent Future is not awaitable, an aio one is; wrapFuture makes it so', async () => {
    const loop = makeLoop()
    await loop.runUntilComplete(async () => {
      const cf = new Future<string>()
      cf.setResult('cf')
      const af = loop.createFuture<string>()
      af.setResult('af')
      expect(await (cf as unknown as Promise<unknown>)).toBe(cf)
      expect('then' in cf).toBe(false)
      expect(await af).toBe('af')
      expect(await wrapFuture(cf)).toBe('cf')
    })
  })

  it('(b) a concurrent result(timeout) waits then times out; an aio result() never waits', async () => {
    const loop = makeLoop()
    await loop.runUntilComplete(async () => {
      const cf = new Future()
      await expect(cf.result(5)).rejects.toBeInstanceOf(TimeoutError)
      const af = loop.createFuture()
      expect(() => af.result()).toThrow(InvalidStateError)
      await expect(aio.waitFor(wrapFuture(cf), 5)).rejects.toBeInstanceOf(TimeoutError)
    })
  })

  it('(c) concurrent callbacks run inside setResult; aio callbacks on a later loop iteration', async () => {
    const loop = makeLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      const cf = new Future()
      cf.addDoneCallback(() => order.push('cf callback'))
      cf.setResult(1)
      order.push('after cf.setResult')
      const af = loop.createFuture()
      af.addDoneCallback(() => order.push('af callback'))
      af.setResult(1)
      order.push('after af.setResult')
      await aio.sleep(0)
    })
    expect(order).toEqual([
      'cf callback',
      'after cf.setResult',
      'after af.setResult',
      'af callback',
    ])
  })

  it('(d) running concurrent work cannot be cancelled; an aio task is, with a message; the bridge cancels a pending concurrent future', async () => {
    const loop = makeLoop()
    await loop.runUntilComplete(async () => {
      const running = new Future()
      running.setRunningOrNotifyCancel()
      expect(running.cancel()).toBe(false)
      const task = aio.createTask(() => aio.sleep(60_000))
      await aio.sleep(0)
      task.cancel('stop please')
      await expect(task).rejects.toMatchObject({ name: 'CancelledError', message: 'stop please' })
      const pending = new Future()
      wrapFuture(pending).cancel()
      await aio.sleep(0)
      expect(pending.cancelled()).toBe(true)
    })
  })

  it("(e) each world's wait/gather refuses the other kind, naming the bridge; converted, they mix", async () => {
    const loop = makeLoop()
    await loop.runUntilComplete(async () => {
      expect(() => aio.gather([new Future() as never])).toThrow(/wrapFuture/)
      expect(() => wait([loop.createFuture() as never])).toThrow(/toConcurrentFuture|wrapFuture/)
      const cf = new Future<number>()
      cf.setResult(2)
      expect(await aio.gather([wrapFuture(cf), aio.sleep(1, 'b')])).toEqual([2, 'b'])
      const back = toConcurrentFuture(aio.createTask(async () => 'from aio'))
      const { done } = await wait([back], { timeout: 1_000 })
      expect(done.has(back)).toBe(true)
      expect(back.resultNow()).toBe('from aio')
    })
  })

  it('(f) isFuture knows both kinds, and neither is a promise', () => {
    const loop = makeLoop()
    expect(isFuture(new Future())).toBe(true)
    expect(isFuture(loop.createFuture())).toBe(true)
    expect(isFuture(Promise.resolve())).toBe(false)
  })
})
