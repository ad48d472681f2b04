import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  Future,
  InvalidStateError,
  isFuture,
  setEventLoop,
  sleep,
} from '../src/index.js'
import { captureHandler, runOnce, virtualLoop } from './helpers.js'

describe('Future state (test_futures.BaseFutureTests)', () => {
  it('AF-01 a new future is pending and bound to its loop', () => {
    const loop = virtualLoop()
    const f = loop.createFuture()
    expect(f.done()).toBe(false)
    expect(f.cancelled()).toBe(false)
    expect(f.getLoop()).toBe(loop)
  })

  it('AF-02 new Future({ loop }) binds to loop; without it the running or current loop; else an error', async () => {
    const loop = virtualLoop()
    expect(new Future({ loop }).getLoop()).toBe(loop)
    await expect(loop.runUntilComplete(async () => new Future().getLoop() === loop)).resolves.toBe(
      true,
    )
    expect(() => new Future()).toThrow(/no current event loop/)
    setEventLoop(loop)
    try {
      expect(new Future().getLoop()).toBe(loop)
    } finally {
      setEventLoop(null)
    }
  })

  it("AF-03 reading a pending future: InvalidStateError ('Result is not set.' / 'Exception is not set.')", () => {
    const f = virtualLoop().createFuture()
    expect(() => f.result()).toThrow(new InvalidStateError('Result is not set.'))
    expect(() => f.exception()).toThrow(new InvalidStateError('Exception is not set.'))
    expect(() => f.result()).toThrow(InvalidStateError)
  })

  it('AF-04 after setResult: done, result() is the value, exception() undefined', () => {
    const f = virtualLoop().createFuture<number>()
    f.setResult(7)
    expect(f.done()).toBe(true)
    expect(f.cancelled()).toBe(false)
    expect(f.result()).toBe(7)
    expect(f.exception()).toBeUndefined()
  })

  it('AF-05 after setException: result() throws the very object, exception() returns it', () => {
    const f = virtualLoop().createFuture()
    const error = new Error('boom')
    f.setException(error)
    let thrown: unknown
    try {
      f.result()
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBe(error)
    expect(f.exception()).toBe(error)
  })

  it('AF-06 (DESIGN) setException takes any value, undefined included, and the future stays failed', () => {
    const loop = virtualLoop()
    for (const value of [undefined, null, 42, 'str', { x: 1 }]) {
      const f = loop.createFuture()
      f.setException(value)
      expect(f.done()).toBe(true)
      expect(f.exception()).toBe(value)
      expect(() => f.result()).toThrow()
    }
  })

  it('AF-07 setResult / setException on a done future: InvalidStateError, outcome unchanged', () => {
    const loop = virtualLoop()
    const finished = loop.createFuture<number>()
    finished.setResult(1)
    expect(() => finished.setResult(2)).toThrow(
      new InvalidStateError('FINISHED: <Future finished result=1>'),
    )
    expect(() => finished.setException(new Error())).toThrow(InvalidStateError)
    expect(finished.result()).toBe(1)
    const cancelled = loop.createFuture<number>()
    cancelled.cancel()
    expect(() => cancelled.setResult(1)).toThrow(
      new InvalidStateError('CANCELLED: <Future cancelled>'),
    )
    expect(cancelled.cancelled()).toBe(true)
  })

  it('AF-08 cancel() on a pending future: true, then false', () => {
    const f = virtualLoop().createFuture()
    expect(f.cancel()).toBe(true)
    expect(f.cancelled()).toBe(true)
    expect(f.done()).toBe(true)
    expect(f.cancel()).toBe(false)
  })

  it('AF-09 cancel() on a finished or failed future: false, nothing changes', () => {
    const loop = virtualLoop()
    const ok = loop.createFuture<number>()
    ok.setResult(1)
    expect(ok.cancel()).toBe(false)
    expect(ok.result()).toBe(1)
    const failed = loop.createFuture()
    const error = new RangeError()
    failed.setException(error)
    expect(failed.cancel()).toBe(false)
    expect(failed.exception()).toBe(error)
  })

  it('AF-10 reading a cancelled future throws CancelledError with the message, a new one each read', () => {
    const loop = virtualLoop()
    const plain = loop.createFuture()
    plain.cancel()
    expect(() => plain.result()).toThrow(new CancelledError(''))
    expect(() => plain.exception()).toThrow(CancelledError)
    const why = loop.createFuture()
    why.cancel('why')
    const errors: unknown[] = []
    for (const read of [() => why.result(), () => why.exception(), () => why.exception()]) {
      try {
        read()
      } catch (e) {
        errors.push(e)
      }
    }
    expect(errors.map((e) => (e as CancelledError).message)).toEqual(['why', 'why', 'why'])
    expect(errors.every((e) => e instanceof CancelledError)).toBe(true)
    expect(errors[0]).not.toBe(errors[1])
  })

  it('AF-10 awaiting a cancelled future throws the CancelledError with the message', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture()
    f.cancel('awaited')
    await expect(loop.runUntilComplete(async () => await f)).rejects.toThrow(
      new CancelledError('awaited'),
    )
  })

  it('AF-11 a non-string cancel message is converted with String()', () => {
    const f = virtualLoop().createFuture()
    f.cancel(5 as unknown as string)
    expect(() => f.result()).toThrow(new CancelledError('5'))
  })

  it('AF-24 toString shows the state words', () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    expect(String(f)).toBe('<Future pending>')
    f.addDoneCallback(() => {})
    expect(String(f)).toBe('<Future pending cb=[1]>')
    const ok = loop.createFuture<number>()
    ok.setResult(7)
    expect(String(ok)).toBe('<Future finished result=7>')
    const bad = loop.createFuture()
    bad.setException(new RangeError('boom'))
    expect(String(bad)).toBe('<Future finished exception=RangeError("boom")>')
    bad.exception()
    const c = loop.createFuture()
    c.cancel()
    expect(String(c)).toBe('<Future cancelled>')
  })

  it('AF-25 (DESIGN) not the concurrent API: no running(), no setRunningOrNotifyCancel(), no timeout', () => {
    const f = virtualLoop().createFuture() as unknown as Record<string, unknown>
    expect(f.running).toBeUndefined()
    expect(f.setRunningOrNotifyCancel).toBeUndefined()
    expect((f.result as () => unknown).length).toBe(0)
  })

  it('AF-26 a future of a closed loop: completes without callbacks; with callbacks done first, then throws', () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    const g = loop.createFuture<number>()
    g.addDoneCallback(() => {})
    loop.close()
    f.setResult(1)
    expect(f.done()).toBe(true)
    expect(() => g.setResult(1)).toThrow('Event loop is closed')
    expect(g.result()).toBe(1)
    expect(() => f.addDoneCallback(() => {})).toThrow('Event loop is closed')
  })

  it('AF-27 (n/a) a subclass must call super(): the constructor binds the loop', () => {
    const loop = virtualLoop()
    class MyFuture<T> extends Future<T> {}
    const f = new MyFuture<number>({ loop })
    expect(f.getLoop()).toBe(loop)
    expect(isFuture(f)).toBe(true)
    expect(String(f)).toBe('<MyFuture pending>')
  })
})

describe('done callbacks (test_futures.BaseFutureDoneCallbackTests)', () => {
  it('AF-12 callbacks are scheduled with callSoon, in order, never inline, also once done', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    const f = loop.createFuture<number>()
    loop.callSoon(() => order.push('call_soon queued before set_result'))
    f.addDoneCallback(() => order.push('a'))
    f.addDoneCallback(() => order.push('b'))
    f.setResult(1)
    order.push('set_result returned')
    f.addDoneCallback(() => order.push('added after done'))
    order.push('add_done_callback returned')
    loop.callSoon(() => order.push('call_soon queued after'))
    await runOnce(loop)
    expect(order).toEqual([
      'set_result returned',
      'add_done_callback returned',
      'call_soon queued before set_result',
      'a',
      'b',
      'added after done',
      'call_soon queued after',
    ])
  })

  it('AF-12 setException schedules the callbacks the same way', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture()
    const seen: unknown[] = []
    f.addDoneCallback((g) => seen.push(g.exception()))
    const error = new Error('x')
    f.setException(error)
    expect(seen).toEqual([])
    await runOnce(loop)
    expect(seen).toEqual([error])
  })

  it('AF-13 cancel schedules the callbacks with the (cancelled) future; nothing runs inside cancel()', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture()
    const seen: [boolean, boolean][] = []
    f.addDoneCallback((g) => seen.push([g === f, g.cancelled()]))
    f.cancel()
    expect(seen).toEqual([])
    await runOnce(loop)
    expect(seen).toEqual([[true, true]])
  })

  it('AF-14 removeDoneCallback removes every registration and returns the count', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    const seen: string[] = []
    const cb = (): number => seen.push('cb')
    const other = (): number => seen.push('other')
    f.addDoneCallback(cb)
    f.addDoneCallback(other)
    f.addDoneCallback(cb)
    expect(f.removeDoneCallback(cb)).toBe(2)
    expect(f.removeDoneCallback(cb)).toBe(0)
    expect(f.removeDoneCallback(() => {})).toBe(0)
    f.addDoneCallback(cb)
    f.setResult(1)
    expect(f.removeDoneCallback(cb)).toBe(0)
    await runOnce(loop)
    expect(seen).toEqual(['other', 'cb'])
  })

  it('AF-14 removeDoneCallback also finds callbacks added with a context', () => {
    const f = virtualLoop().createFuture()
    const cb = (): void => {}
    f.addDoneCallback(cb, { context: (fn) => fn() })
    expect(f.removeDoneCallback(cb)).toBe(1)
  })

  it('AF-15 callbacks removed or added while scheduling do not crash or skip; a throwing one is reported', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const f = loop.createFuture<number>()
    const ran: string[] = []
    const second = (): number => ran.push('second')
    f.addDoneCallback(function bad() {
      f.removeDoneCallback(second)
      throw new Error('bad callback')
    })
    f.addDoneCallback(second)
    f.addDoneCallback(() => ran.push('third'))
    f.setResult(1)
    await runOnce(loop)
    expect(ran).toEqual(['second', 'third'])
    expect(seen).toHaveLength(1)
    expect(seen[0]?.message).toBe('Exception in callback bad(<Future finished result=1>)')
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['exception', 'handle', 'message'])
  })

  it('AF-15 addDoneCallback refuses a non-function', () => {
    const f = virtualLoop().createFuture()
    expect(() => f.addDoneCallback(1 as never)).toThrow(TypeError)
  })
})

describe('awaiting (test_futures.BaseFutureTests.test_iter, test_yield_from_twice)', () => {
  it('AF-21 await in an async function: the result, the exception, or CancelledError', async () => {
    const loop = virtualLoop()
    const ok = loop.createFuture<number>()
    const bad = loop.createFuture<number>()
    const error = new Error('bad')
    loop.callSoon(() => ok.setResult(3))
    loop.callSoon(() => bad.setException(error))
    const out = await loop.runUntilComplete(async () => {
      const a = await ok
      let b: unknown
      try {
        await bad
      } catch (e) {
        b = e
      }
      return [a, b]
    })
    expect(out).toEqual([3, error])
  })

  it('AF-21 yield* in a generator coroutine: the result, awaited twice', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture<string>()
    loop.callLater(5, () => f.setResult('v'))
    const out = await loop.runUntilComplete(function* () {
      const a = yield* f
      const b = yield* f
      return a + b
    })
    expect(out).toBe('vv')
  })

  it('AF-21 (DESIGN) a future is a thenable: promise resolution unwraps it, .then chains', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    const chained = f.then((v) => v * 2)
    const viaPromise = Promise.resolve(f)
    loop.callSoon(() => f.setResult(21))
    await runOnce(loop) // sets the result, schedules the waiters
    await runOnce(loop) // runs them
    await expect(chained).resolves.toBe(42)
    await expect(viaPromise).resolves.toBe(21)
    const failed = loop.createFuture<number>()
    failed.setException(new Error('no'))
    await expect(failed.then(undefined, (e: unknown) => (e as Error).message)).resolves.toBe('no')
  })

  it('AF-22 the iterator yields the future once and throws if resumed before completion', () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    const it1 = f[Symbol.iterator]()
    const first = it1.next()
    expect(first.done).toBe(false)
    expect(first.value).toBe(f)
    expect(() => it1.next()).toThrow("await wasn't used with future")
    const done = loop.createFuture<number>()
    done.setResult(5)
    const step = done[Symbol.iterator]().next()
    expect([step.done, step.value]).toEqual([true, 5])
    const throwing = loop.createFuture<number>()
    const it2 = throwing[Symbol.iterator]()
    it2.next()
    const error = new Error('thrown in')
    expect(() => it2.throw(error)).toThrow(error)
  })

  it('AF-21 a future is a Promise underneath, awaited natively once it has a result; not a promise constructor', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture<number>()
    expect(f).toBeInstanceOf(Promise)
    f.setResult(4)
    expect(Promise.resolve(f)).toBe(f)
    expect(await f).toBe(4)
    expect(() => (Future as unknown as PromiseConstructor).resolve(1)).toThrow(TypeError)
    const chained = f.finally(() => {})
    expect(chained).not.toBeInstanceOf(Future)
    await expect(chained).resolves.toBe(4)
  })

  it('AF-23 isFuture: true for futures and tasks (by brand), false for the class and others', async () => {
    const loop = virtualLoop()
    expect(isFuture(loop.createFuture())).toBe(true)
    const task = loop.createTask(async () => 1)
    expect(isFuture(task)).toBe(true)
    expect(isFuture(Future)).toBe(false)
    expect(isFuture(Promise.resolve())).toBe(false)
    expect(isFuture({ [Symbol.for('@futures/concurrent/Future')]: true })).toBe(false)
    expect(isFuture({ [Symbol.for('@futures/aio/Future')]: true })).toBe(true)
    await loop.runUntilComplete(task)
  })

  it("then() with another promise's own resolve/reject still returns a promise, settled after them", async () => {
    const loop = virtualLoop()
    const ok = loop.createFuture<number>()
    const bad = loop.createFuture<number>()
    let resolveP: (v: number) => void = () => {}
    let rejectP: (e: unknown) => void = () => {}
    const p = new Promise<number>((resolve, reject) => {
      resolveP = resolve
      rejectP = reject
    })
    const chained = ok.then(resolveP, rejectP)
    expect(chained).toBeInstanceOf(Promise)
    let resolveQ: (v: number) => void = () => {}
    let rejectQ: (e: unknown) => void = () => {}
    const q = new Promise<number>((resolve, reject) => {
      resolveQ = resolve
      rejectQ = reject
    })
    const chainedBad = bad.then(resolveQ, rejectQ)
    const error = new Error('bad')
    loop.callSoon(() => {
      ok.setResult(7)
      bad.setException(error)
    })
    await runOnce(loop)
    await runOnce(loop)
    await expect(chained).resolves.toBeUndefined()
    await expect(chainedBad).resolves.toBeUndefined()
    await expect(p).resolves.toBe(7)
    await expect(q).rejects.toBe(error)
  })
})

describe('sleep(0) futures (test_futures.BaseFutureDoneCallbackTests)', () => {
  it('AF-12 a done callback on a sleep(0) future is scheduled too; its error reaches the handler with the handle', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const order: string[] = []
    const boom = new Error('cb')
    await loop.runUntilComplete(async () => {
      const s = sleep(0)
      s.addDoneCallback(() => {
        order.push('sleep done-callback')
        throw boom
      })
      loop.callSoon(() => order.push('queued after the sleep'))
      await sleep(5)
    })
    expect(order).toEqual(['queued after the sleep', 'sleep done-callback'])
    expect(seen).toHaveLength(1)
    expect(seen[0]?.exception).toBe(boom)
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['exception', 'handle', 'message'])
  })
})
