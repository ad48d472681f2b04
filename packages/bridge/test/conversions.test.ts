import { CancelledError } from '@futures/aio'
import { Future as ConcurrentFuture, ThreadPoolExecutor, wait } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { toConcurrentFuture, toPromise, wrapFuture } from '../src/index.js'
import { flush, makeLoop, runOnce, seenAsDone, stateOf, usePool } from './helpers.js'

describe('toConcurrentFuture (port only)', () => {
  it('BR-33 from an aio future: the result arrives one iteration after it is set, never lost', async () => {
    const loop = makeLoop()
    const future = loop.createFuture<number>()
    const cf = toConcurrentFuture(future)
    future.setResult(5)
    expect(cf.done()).toBe(false)
    await runOnce(loop)
    expect(cf.resultNow()).toBe(5)
  })

  it('BR-33 from an aio future that is already done', async () => {
    const loop = makeLoop()
    const future = loop.createFuture<number>()
    const error = new Error('failed before')
    future.setException(error)
    const cf = toConcurrentFuture(future)
    await runOnce(loop)
    expect(cf.exceptionNow()).toBe(error)
  })

  it('BR-33 from a task: concurrent wait sees it finish', async () => {
    const loop = makeLoop()
    const task = loop.createTask(async () => 'done')
    const cf = toConcurrentFuture(task)
    const running = loop.runUntilComplete(task)
    const { done } = await wait([cf], { timeout: 10_000 })
    await running
    expect(done.has(cf)).toBe(true)
    expect(cf.resultNow()).toBe('done')
  })

  it('BR-33 a cancelled aio source gives a CANCELLED_AND_NOTIFIED concurrent future', async () => {
    const loop = makeLoop()
    const future = loop.createFuture<number>()
    const cf = toConcurrentFuture(future)
    future.cancel()
    await runOnce(loop)
    expect(cf.cancelled()).toBe(true)
    expect(await seenAsDone(cf)).toBe(true)
  })

  it('BR-33 cancelling the concurrent future cancels the aio source (and the task) one iteration later', async () => {
    const loop = makeLoop()
    const future = loop.createFuture<number>()
    const cf = toConcurrentFuture(future)
    expect(cf.cancel()).toBe(true)
    expect(future.cancelled()).toBe(false)
    await runOnce(loop)
    expect(future.cancelled()).toBe(true)
    await runOnce(loop)
    expect(await seenAsDone(cf)).toBe(true)

    const task = loop.createTask(async () => {
      await new Promise(() => {})
    })
    const cf2 = toConcurrentFuture(task)
    await runOnce(loop)
    cf2.cancel()
    await runOnce(loop)
    await runOnce(loop)
    expect(task.cancelling()).toBe(1)
  })

  it('BR-33 from a promise: fulfilment and rejection come through', async () => {
    const ok = toConcurrentFuture(Promise.resolve(1))
    const error = new Error('no')
    const bad = toConcurrentFuture(Promise.reject(error))
    await expect(ok.result()).resolves.toBe(1)
    await expect(bad.exception()).resolves.toBe(error)
  })

  it('BR-33 from a promise: cancel() returns true, is acknowledged at once, and the later outcome is dropped', async () => {
    let resolve: (v: number) => void = () => {}
    const cf = toConcurrentFuture(new Promise<number>((r) => (resolve = r)))
    expect(stateOf(cf)).toBe('pending')
    expect(cf.cancel()).toBe(true)
    expect(await seenAsDone(cf)).toBe(true)
    resolve(1)
    await flush()
    expect(cf.cancelled()).toBe(true)
  })

  it('BR-33 returns a concurrent future as it is; refuses a non-awaitable with TypeError', () => {
    const cf = new ConcurrentFuture()
    expect(toConcurrentFuture(cf)).toBe(cf)
    expect(() => toConcurrentFuture(42 as never)).toThrow(TypeError)
    expect(() => toConcurrentFuture((async () => 1) as never)).toThrow(/runCoroutineThreadsafe/)
  })
})

describe('toPromise (port only)', () => {
  it('BR-33 a native promise of a concurrent future, cancelled → CancelledError', async () => {
    const cf = new ConcurrentFuture<number>()
    const p = toPromise(cf)
    expect(p).toBeInstanceOf(Promise)
    cf.setResult(2)
    await expect(p).resolves.toBe(2)
    const cancelled = new ConcurrentFuture<number>()
    cancelled.cancel()
    await expect(toPromise(cancelled)).rejects.toBeInstanceOf(CancelledError)
  })

  it('BR-33 a native promise of an aio future: result, exception, and cancellation with its message', async () => {
    const loop = makeLoop()
    const a = loop.createFuture<number>()
    const b = loop.createFuture<number>()
    const c = loop.createFuture<number>()
    const pa = toPromise(a)
    const pb = toPromise(b)
    const pc = toPromise(c)
    expect(pa.constructor).toBe(Promise)
    const error = new Error('b failed')
    a.setResult(1)
    b.setException(error)
    c.cancel('why')
    await runOnce(loop)
    await expect(pa).resolves.toBe(1)
    await expect(pb).rejects.toBe(error)
    await expect(pc).rejects.toBeInstanceOf(CancelledError)
    await expect(pc).rejects.toThrow('why')
  })

  it('BR-33 an aio future already done settles the promise without a loop iteration (even on a closed loop)', async () => {
    const loop = makeLoop()
    const a = loop.createFuture<number>()
    a.setResult(3)
    loop.close()
    await expect(toPromise(a)).resolves.toBe(3)
  })

  it('BR-33 refuses anything but a future with TypeError', () => {
    expect(() => toPromise(Promise.resolve(1) as never)).toThrow(TypeError)
  })

  it('BR-33 toPromise(wrapFuture(cf)) of pool work resolves with the work result', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const value = await loop.runUntilComplete(async () =>
      toPromise(wrapFuture(pool.submit((n: number) => n + 1, 1))),
    )
    expect(value).toBe(2)
  })
})
