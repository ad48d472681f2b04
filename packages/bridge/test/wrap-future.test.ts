import { Future as AioFuture, CancelledError, InvalidStateError, TimeoutError } from '@futures/aio'
import { Future as ConcurrentFuture, ThreadPoolExecutor } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { isAioFuture, wrapFuture } from '../src/index.js'
import { captureHandler, flush, makeLoop, runOnce, stateOf, track, usePool } from './helpers.js'

describe('wrapFuture (test_futures.BaseFutureTests.test_wrap_future*)', () => {
  it('BR-01 gives an aio future bound to the running loop that resolves with a worker thread result', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const seen = await loop.runUntilComplete(async () => {
      const wrapper = wrapFuture(pool.submit((a: number, b: number) => a * b, 6, 7))
      expect(isAioFuture(wrapper)).toBe(true)
      expect(wrapper.getLoop()).toBe(loop)
      return await wrapper
    })
    expect(seen).toBe(42)
  })

  it('BR-01 rejects with the exception the worker thread threw', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const outcome = loop.runUntilComplete(async () => {
      await wrapFuture(
        pool.submit((k: string) => {
          throw new RangeError(k)
        }, 'k'),
      )
    })
    await expect(outcome).rejects.toThrow(RangeError)
    await expect(outcome).rejects.toThrow('k')
  })

  it('BR-01 binds to the loop given as option, or to the current loop when none runs', async () => {
    const loop = makeLoop()
    const other = makeLoop()
    const cf = new ConcurrentFuture<string>()
    expect(wrapFuture(cf, { loop: other }).getLoop()).toBe(other)
    const { setEventLoop } = await import('@futures/aio')
    setEventLoop(loop)
    try {
      expect(wrapFuture(cf).getLoop()).toBe(loop)
    } finally {
      setEventLoop(undefined)
    }
  })

  it('BR-01 a value completed by the caller comes through, undefined and a thrown undefined included', async () => {
    const loop = makeLoop()
    const ok = new ConcurrentFuture<undefined>()
    const bad = new ConcurrentFuture<undefined>()
    const wOk = wrapFuture(ok, { loop })
    const wBad = wrapFuture(bad, { loop })
    ok.setResult(undefined)
    bad.setException(undefined)
    await runOnce(loop)
    expect(wOk.result()).toBeUndefined()
    expect(wBad.done()).toBe(true)
    expect(() => wBad.result()).toThrow()
    expect(wBad.cancelled()).toBe(false)
  })

  it('BR-02 returns an aio future (or task) as it is', async () => {
    const loop = makeLoop()
    const future = loop.createFuture<number>()
    expect(wrapFuture(future)).toBe(future)
    const task = loop.createTask(async () => 1)
    expect(wrapFuture(task, { loop: makeLoop() })).toBe(task)
    await loop.runUntilComplete(task)
  })

  it.each([
    ['a number', 123],
    ['a promise', Promise.resolve(1)],
    ['undefined', undefined],
  ])('BR-03 refuses %s with a TypeError', (_label, value) => {
    const loop = makeLoop()
    expect(() => wrapFuture(value as never, { loop })).toThrow(TypeError)
    expect(() => wrapFuture(value as never, { loop })).toThrow(/concurrent Future/)
  })

  it('BR-04 a future completed on the loop side reaches the wrapper one iteration later, not at once', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<string>()
    const wrapper = wrapFuture(cf, { loop })
    const seen: boolean[] = []
    loop.callSoon(() => {
      cf.setResult('v')
      seen.push(wrapper.done())
    })
    await runOnce(loop)
    expect(seen).toEqual([false])
    expect(wrapper.done()).toBe(false)
    await runOnce(loop)
    expect(wrapper.result()).toBe('v')
  })

  it('BR-04 wrapping a future that is already done: done only after one iteration', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<string>()
    cf.setResult('pre')
    const wrapper = wrapFuture(cf, { loop })
    expect(wrapper.done()).toBe(false)
    await flush()
    expect(wrapper.done()).toBe(false)
    await runOnce(loop)
    expect(wrapper.result()).toBe('pre')
  })

  it('BR-05 wrapper.cancel() cancels it at once; the concurrent future one iteration later, not notified', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<string>()
    const wrapper = wrapFuture(cf, { loop })
    expect(wrapper.cancel('why')).toBe(true)
    expect(wrapper.cancelled()).toBe(true)
    expect(cf.cancelled()).toBe(false)
    await runOnce(loop)
    expect(cf.cancelled()).toBe(true)
    expect(stateOf(cf)).toBe('cancelled')
    // not notified: setRunningOrNotifyCancel is still the executor's to call
    expect(cf.setRunningOrNotifyCancel()).toBe(false)
  })

  it('BR-06 cf.cancel() cancels the wrapper one iteration later', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<string>()
    const wrapper = wrapFuture(cf, { loop })
    expect(cf.cancel()).toBe(true)
    expect(wrapper.cancelled()).toBe(false)
    await runOnce(loop)
    expect(wrapper.cancelled()).toBe(true)
    expect(() => wrapper.result()).toThrow(CancelledError)
  })

  it('BR-07 a RUNNING concurrent future: wrapper.cancel() returns true, the work keeps running, its result is dropped quietly', async () => {
    const loop = makeLoop()
    const errors = captureHandler(loop)
    const cf = new ConcurrentFuture<string>()
    const wrapper = wrapFuture(cf, { loop })
    expect(cf.setRunningOrNotifyCancel()).toBe(true)
    expect(wrapper.cancel()).toBe(true)
    await runOnce(loop)
    expect(cf.running()).toBe(true)
    expect(wrapper.cancelled()).toBe(true)
    cf.setResult('late')
    await runOnce(loop)
    await runOnce(loop)
    expect(wrapper.cancelled()).toBe(true)
    expect(await cf.result()).toBe('late')
    expect(errors).toEqual([])
  })

  it('BR-07 a concurrent future that finished before the wrapper caught up keeps its result (test_wrap_future_cancel2)', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<number>()
    const wrapper = wrapFuture(cf, { loop })
    cf.setResult(42)
    expect(wrapper.cancel()).toBe(true)
    await runOnce(loop)
    await runOnce(loop)
    expect(wrapper.cancelled()).toBe(true)
    expect(cf.cancelled()).toBe(false)
    expect(cf.resultNow()).toBe(42)
  })

  it('BR-07 wrapping a concurrent future that is already done, then cancelling the wrapper: the wrapper stays cancelled, the result is kept', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<number>()
    cf.setResult(42)
    const wrapper = wrapFuture(cf, { loop })
    expect(wrapper.cancel()).toBe(true)
    await runOnce(loop)
    await runOnce(loop)
    expect(wrapper.cancelled()).toBe(true)
    expect(cf.resultNow()).toBe(42)
  })

  it.each([
    ['CancelledError', () => new CancelledError('x')],
    ['InvalidStateError', () => new InvalidStateError('y')],
    ['TimeoutError', () => new TimeoutError('z')],
  ])(
    'BR-08 a concurrent future failing with %s gives a failed wrapper, not a cancelled one',
    async (_name, make) => {
      const loop = makeLoop()
      const cf = new ConcurrentFuture<never>()
      const wrapper = wrapFuture(cf, { loop })
      const error = make()
      cf.setException(error)
      await runOnce(loop)
      expect(wrapper.cancelled()).toBe(false)
      expect(wrapper.exception()).toBe(error)
    },
  )

  it('BR-31 rejects an unbranded look-alike of either kind (brands, not duck typing)', () => {
    const loop = makeLoop()
    const duck = {
      done: () => true,
      cancelled: () => false,
      result: () => 1,
      exception: () => undefined,
      addDoneCallback: () => {},
      cancel: () => false,
      getLoop: () => loop,
    }
    expect(() => wrapFuture(duck as never, { loop })).toThrow(TypeError)
  })

  it('BR-31 returns a branded aio future of another copy of @futures/aio as it is', async () => {
    const { createRequire } = await import('node:module')
    const other = createRequire(import.meta.url)('@futures/aio') as typeof import('@futures/aio')
    expect(other.Future).not.toBe(AioFuture)
    const loop = track(other.newEventLoop())
    const future = loop.createFuture<number>()
    expect(wrapFuture(future)).toBe(future)
  })

  it('BR-32 wrapping an already done concurrent future on a closed loop: no error, the wrapper stays pending', async () => {
    const loop = makeLoop()
    loop.close()
    const cf = new ConcurrentFuture<number>()
    cf.setResult(1)
    const wrapper = wrapFuture(cf, { loop })
    await flush()
    expect(wrapper.done()).toBe(false)
  })

  it('BR-32 the loop closed before the concurrent future finished: no error, the wrapper stays pending', async () => {
    const loop = makeLoop()
    const cf = new ConcurrentFuture<number>()
    const wrapper = wrapFuture(cf, { loop })
    loop.close()
    expect(() => cf.setResult(1)).not.toThrow()
    await flush()
    expect(wrapper.done()).toBe(false)
    expect(cf.resultNow()).toBe(1)
  })
})
