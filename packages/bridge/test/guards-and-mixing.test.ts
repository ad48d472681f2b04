import { createRequire } from 'node:module'
import vm from 'node:vm'
import * as aio from '@futures/aio'
import * as concurrent from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { isAioFuture, isConcurrentFuture, isFuture, wrapFuture } from '../src/index.js'
import { makeLoop, track } from './helpers.js'

const require = createRequire(import.meta.url)
// The CommonJS builds: a second, separate copy of every class.
const otherAio = require('@futures/aio') as typeof aio
const otherConcurrent = require('@futures/concurrent') as typeof concurrent

describe('guards (test_futures.BaseFutureTests.test_isfuture)', () => {
  it('BR-25 an aio future and a task are aio futures; a concurrent future is not', async () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    const task = loop.createTask(async () => 1)
    const cf = new concurrent.Future()
    expect([isAioFuture(future), isAioFuture(task), isAioFuture(cf)]).toEqual([true, true, false])
    expect([isConcurrentFuture(future), isConcurrentFuture(cf)]).toEqual([false, true])
    expect([isFuture(future), isFuture(task), isFuture(cf)]).toEqual([true, true, true])
    expect(future).not.toBeInstanceOf(concurrent.Future)
    await loop.runUntilComplete(task)
  })

  it.each([
    ['a promise', Promise.resolve(1)],
    // biome-ignore lint/suspicious/noThenProperty: a thenable is what this case is about
    ['a thenable', { then() {} }],
    ['null', null],
    ['a function', () => {}],
    ['a plain object', {}],
    ['the Future class itself', concurrent.Future],
  ])('BR-25 %s is not a future', (_label, value) => {
    expect(isFuture(value)).toBe(false)
    expect(isAioFuture(value)).toBe(false)
    expect(isConcurrentFuture(value)).toBe(false)
  })

  it('BR-25 holds for futures of another copy of each package', () => {
    expect(otherConcurrent.Future).not.toBe(concurrent.Future)
    const loop = track(otherAio.newEventLoop())
    const future = loop.createFuture()
    const cf = new otherConcurrent.Future()
    expect(future).not.toBeInstanceOf(aio.Future)
    expect([isAioFuture(future), isFuture(future), isConcurrentFuture(future)]).toEqual([
      true,
      true,
      false,
    ])
    expect([isConcurrentFuture(cf), isFuture(cf), isAioFuture(cf)]).toEqual([true, true, false])
  })

  it('BR-25 holds across realms (vm.runInNewContext)', () => {
    const [aioLike, concurrentLike, promise] = vm.runInNewContext(`
      class AioFuture {}
      Object.defineProperty(AioFuture.prototype, Symbol.for('@futures/aio/Future'), { value: true })
      class Future {}
      Object.defineProperty(Future.prototype, Symbol.for('@futures/concurrent/Future'), { value: true })
      ;[new AioFuture(), new Future(), Promise.resolve(1)]
    `) as unknown[]
    expect(isAioFuture(aioLike)).toBe(true)
    expect(isConcurrentFuture(concurrentLike)).toBe(true)
    expect(isFuture(promise)).toBe(false)
  })
})

describe('mixing the two kinds (DESIGN: TypeError naming the bridge function)', () => {
  it('BR-26 aio ensureFuture(cf) throws TypeError naming wrapFuture', () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    expect(() => aio.ensureFuture(cf as never, { loop })).toThrow(TypeError)
    expect(() => aio.ensureFuture(cf as never, { loop })).toThrow(/wrapFuture/)
  })

  it('BR-26 aio gather([cf]) throws TypeError naming wrapFuture at the call, even after other awaitables', async () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    await loop.runUntilComplete(async () => {
      expect(() => aio.gather([cf as never])).toThrow(TypeError)
      expect(() => aio.gather([Promise.resolve(0), cf as never])).toThrow(/wrapFuture/)
    })
  })

  it('BR-26 aio gather of a wrapped concurrent future next to a task gives both results', async () => {
    const loop = makeLoop()
    const cf = new concurrent.Future<number>()
    setTimeout(() => cf.setResult(5), 1)
    const results = await loop.runUntilComplete(async () =>
      aio.gather([wrapFuture(cf), loop.createTask(async () => 'a')]),
    )
    expect(results).toEqual([5, 'a'])
  })

  it('BR-26 aio shield, waitFor and asCompleted refuse a concurrent Future at the call, naming wrapFuture', async () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    await loop.runUntilComplete(async () => {
      for (const call of [
        () => aio.shield(cf as never),
        () => aio.waitFor(cf as never, 10),
        () => aio.asCompleted([cf as never]),
      ]) {
        expect(call).toThrow(TypeError)
        expect(call).toThrow(/wrapFuture/)
      }
    })
  })

  it('BR-28 aio wait([cf]) throws TypeError naming wrapFuture at the call (DESIGN); wait([wrapFuture(cf)]) works', async () => {
    const loop = makeLoop()
    const cf = new concurrent.Future<number>()
    await loop.runUntilComplete(async () => {
      expect(() => aio.wait([cf as never])).toThrow(TypeError)
      expect(() => aio.wait([cf as never])).toThrow(/wrapFuture/)
      const wrapped = wrapFuture(cf)
      cf.setResult(3)
      const { done, pending } = await aio.wait([wrapped])
      expect([...done].map((f) => f.result())).toEqual([3])
      expect(pending.size).toBe(0)
    })
  })

  it('BR-26 loop.createTask(cf) throws TypeError naming wrapFuture', () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    expect(() => loop.createTask(cf as never)).toThrow(TypeError)
    expect(() => loop.createTask(cf as never)).toThrow(/wrapFuture/)
  })

  it('BR-26 loop.runUntilComplete(cf) throws TypeError naming wrapFuture, at the call', () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    expect(() => loop.runUntilComplete(cf as never)).toThrow(TypeError)
    expect(() => loop.runUntilComplete(cf as never)).toThrow(/wrapFuture/)
    expect(loop.isRunning()).toBe(false)
  })

  it('BR-26 (AT-32) a generator coroutine that yields a concurrent Future gets a TypeError naming wrapFuture', async () => {
    const loop = makeLoop()
    const cf = new concurrent.Future()
    const outcome = loop.runUntilComplete(function* () {
      yield cf
    })
    await expect(outcome).rejects.toThrow(TypeError)
    await expect(outcome).rejects.toThrow(/wrapFuture/)
  })

  it('BR-27 await cf yields the future itself (it has no then): await cf.result() or wrapFuture(cf) instead', async () => {
    const cf = new concurrent.Future<number>()
    cf.setResult(1)
    expect('then' in cf).toBe(false)
    expect(await (cf as unknown as PromiseLike<unknown>)).toBe(cf)
  })

  it('BR-29 concurrent wait throws TypeError naming toConcurrentFuture for an aio future, pending or done, at the call', () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    expect(() => concurrent.wait([future as never], { timeout: 0 })).toThrow(TypeError)
    expect(() => concurrent.wait([future as never], { timeout: 0 })).toThrow(/toConcurrentFuture/)
    future.setResult(1)
    expect(() => concurrent.wait([future as never])).toThrow(/toConcurrentFuture/)
  })

  it('BR-29 concurrent asCompleted rejects its first next() with TypeError naming toConcurrentFuture (lazy, as CPython)', async () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    const iterator = concurrent
      .asCompleted([future as never], { timeout: 0 })
      [Symbol.asyncIterator]()
    await expect(iterator.next()).rejects.toThrow(TypeError)
    const again = concurrent.asCompleted([future as never])[Symbol.asyncIterator]()
    await expect(again.next()).rejects.toThrow(/toConcurrentFuture/)
  })

  it('BR-30 the two APIs stay apart: no running()/setRunningOrNotifyCancel() on aio, no getLoop()/removeDoneCallback() on concurrent', () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    const cf = new concurrent.Future()
    expect('running' in future).toBe(false)
    expect('setRunningOrNotifyCancel' in future).toBe(false)
    expect('resultNow' in future).toBe(false)
    expect('getLoop' in cf).toBe(false)
    expect('removeDoneCallback' in cf).toBe(false)
  })

  it('BR-30 a second cancel(): false on an aio future, true on a concurrent one', () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    const cf = new concurrent.Future()
    expect([future.cancel(), future.cancel()]).toEqual([true, false])
    expect([cf.cancel(), cf.cancel()]).toEqual([true, true])
  })

  it('BR-30 aio result() takes no timeout: a pending future throws InvalidStateError whatever is passed', () => {
    const loop = makeLoop()
    const future = loop.createFuture()
    expect(() => (future.result as (t: number) => unknown)(1)).toThrow(aio.InvalidStateError)
  })
})
