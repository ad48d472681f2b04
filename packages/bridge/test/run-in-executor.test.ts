import { CancelledError, getRunningLoop, isFuture as isAioFutureFromAio, run } from '@futures/aio'
import { ThreadPoolExecutor, task } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { runInExecutor, toThread } from '../src/index.js'
import { makeLoop, runOnce, until, usePool } from './helpers.js'

const fixtures = new URL('./fixtures/tasks.mjs', import.meta.url)
const whichThread = task<[], number>(fixtures, 'whichThread')
const block = task<[SharedArrayBuffer], string>(fixtures, 'block')
const mark = task<[SharedArrayBuffer, string], string>(fixtures, 'mark')
const meetHalfway = task<[SharedArrayBuffer], boolean>(fixtures, 'meetHalfway')

describe('runInExecutor (test_events.EventLoopTestsMixin.test_run_in_executor*)', () => {
  it('BR-17 gives an aio future of work run on the executor', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const value = await loop.runUntilComplete(async () => {
      const future = runInExecutor(loop, pool, (a: number, b: number) => a + b, 1, 2)
      expect(isAioFutureFromAio(future)).toBe(true)
      expect(future.getLoop()).toBe(loop)
      return await future
    })
    expect(value).toBe(3)
  })

  it('BR-17 with no executor, uses a thread pool made for the loop (a worker thread, not the main one)', async () => {
    const loop = makeLoop()
    const threads = await loop.runUntilComplete(async () => [
      await runInExecutor(loop, undefined, whichThread),
      await runInExecutor(loop, null, whichThread),
    ])
    expect(threads[0]).toBeGreaterThan(0)
    expect(threads[1]).toBeGreaterThan(0)
  })

  it('BR-17 the exception thrown by the work comes through', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const outcome = loop.runUntilComplete(async () => {
      await runInExecutor(loop, pool, () => {
        throw new RangeError('division by zero')
      })
    })
    await expect(outcome).rejects.toThrow(RangeError)
  })

  it('BR-17 refuses a closed loop and something that is not an executor', () => {
    const loop = makeLoop()
    expect(() => runInExecutor(loop, {} as never, () => 1)).toThrow(TypeError)
    loop.close()
    expect(() => runInExecutor(loop, undefined, () => 1)).toThrow('Event loop is closed')
  })

  it('BR-18 cancelling the aio future of queued work cancels it: the work never runs', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const sab = new SharedArrayBuffer(16)
    const view = new Int32Array(sab)
    const blocker = pool.submit(block, sab)
    await until(() => Atomics.load(view, 0) === 1)
    const queued = runInExecutor(loop, pool, mark, sab, 'ran')
    expect(queued.cancel()).toBe(true)
    await runOnce(loop)
    Atomics.store(view, 1, 1)
    Atomics.notify(view, 1)
    await expect(blocker.result()).resolves.toBe('unblocked')
    await expect(pool.submit(mark, sab, 'after').result()).resolves.toBe('after')
    expect(Atomics.load(view, 2)).toBe(1)
    expect(() => queued.result()).toThrow(CancelledError)
  })

  it('BR-18 work already running is not interrupted', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    const sab = new SharedArrayBuffer(16)
    const view = new Int32Array(sab)
    const running = runInExecutor(loop, pool, block, sab)
    await until(() => Atomics.load(view, 0) === 1)
    expect(running.cancel()).toBe(true)
    await runOnce(loop)
    Atomics.store(view, 1, 1)
    Atomics.notify(view, 1)
    // the pool still delivers the running task's result: the next task runs after it
    await expect(pool.submit(mark, sab, 'next').result()).resolves.toBe('next')
    expect(running.cancelled()).toBe(true)
  })

  it("BR-19 a shut-down executor: submit's own error at the call", async () => {
    const loop = makeLoop()
    const pool = new ThreadPoolExecutor({ maxWorkers: 1 })
    await pool.shutdown()
    expect(() => runInExecutor(loop, pool, () => 1)).toThrow(
      'cannot schedule new futures after shutdown',
    )
  })

  it('BR-20 no context reaches the worker: neither a closure variable (runInExecutor) nor one of the caller (toThread)', async () => {
    const loop = makeLoop()
    const secret = 'set in the loop'
    const outcome = loop.runUntilComplete(async () => {
      // `secret` exists only in the caller: the function crosses by its source text.
      return await toThread(() => secret)
    })
    await expect(outcome).rejects.toThrow(/secret is not defined/)
    const outcome2 = loop.runUntilComplete(async () => {
      return await runInExecutor(loop, undefined, () => secret)
    })
    await expect(outcome2).rejects.toThrow(/secret is not defined/)
  })

  it.each([
    ['an async function', async () => 1],
    ['a generator function', function* () {}],
    ['an async generator function', async function* () {}],
  ])('BR-24 refuses %s in runInExecutor and toThread, always', async (_label, fn) => {
    const loop = makeLoop()
    expect(() => runInExecutor(loop, undefined, fn as never)).toThrow(
      /coroutines cannot be used with runInExecutor\(\)/,
    )
    await loop.runUntilComplete(async () => {
      expect(() => toThread(fn as never)).toThrow(/coroutines cannot be used with toThread\(\)/)
    })
  })
})

describe('toThread (test_threads.ToThreadTests)', () => {
  it('BR-21 runs fn(...args) on a worker thread and gives its result', async () => {
    const loop = makeLoop()
    const [sum, thread] = await loop.runUntilComplete(async () => [
      await toThread((a: number, b: number) => a + b, 1, 2),
      await toThread(whichThread),
    ])
    expect(sum).toBe(3)
    expect(thread).toBeGreaterThan(0)
  })

  it('BR-21 gives the exception fn threw', async () => {
    const loop = makeLoop()
    const outcome = loop.runUntilComplete(async () => {
      await toThread(() => {
        throw new RangeError('division by zero')
      })
    })
    await expect(outcome).rejects.toThrow('division by zero')
  })

  it('BR-21 runs fn once per call', async () => {
    const loop = makeLoop()
    const sab = new SharedArrayBuffer(16)
    await loop.runUntilComplete(async () => {
      await toThread(mark, sab, 'x')
    })
    expect(Atomics.load(new Int32Array(sab), 2)).toBe(1)
  })

  it('BR-21 concurrent calls run in parallel', async () => {
    const loop = makeLoop()
    const sab = new SharedArrayBuffer(16)
    const both = await loop.runUntilComplete(async () => {
      const a = toThread(meetHalfway, sab)
      const b = toThread(meetHalfway, sab)
      return [await a, await b]
    })
    expect(both).toEqual([true, true])
  })

  it('BR-21 needs a running loop', () => {
    expect(() => toThread(() => 1)).toThrow('no running event loop')
  })

  it('BR-17 each loop has its own default pool', async () => {
    const a = makeLoop()
    const b = makeLoop()
    const ta = await a.runUntilComplete(async () => await toThread(whichThread))
    const tb = await b.runUntilComplete(async () => await toThread(whichThread))
    expect(ta).not.toBe(tb)
  })
})

describe('the default executor (loop.set_default_executor / shutdown_default_executor)', () => {
  it('BR-22 setDefaultExecutor takes an executor, and runInExecutor with none uses it', async () => {
    const loop = makeLoop()
    const pool = usePool(new ThreadPoolExecutor({ maxWorkers: 1 }))
    expect(() => loop.setDefaultExecutor(42 as never)).toThrow(TypeError)
    loop.setDefaultExecutor(pool)
    expect(loop.getDefaultExecutor()).toBe(pool)
    const value = await loop.runUntilComplete(async () => await toThread((x: number) => x + 1, 1))
    expect(value).toBe(2)
    expect(loop.getDefaultExecutor()).toBe(pool)
  })

  it("BR-23 after shutdownDefaultExecutor(), runInExecutor with no executor throws 'Executor shutdown has been called'", async () => {
    const loop = makeLoop()
    await loop.runUntilComplete(async () => await toThread(whichThread))
    const pool = loop.getDefaultExecutor() as ThreadPoolExecutor
    await loop.runUntilComplete(loop.shutdownDefaultExecutor())
    expect(() => runInExecutor(loop, undefined, whichThread)).toThrow(
      new Error('Executor shutdown has been called'),
    )
    // The pool it made is shut down for good.
    expect(() => pool.submit(() => 1)).toThrow('cannot schedule new futures after shutdown')
  })

  it('BR-23 run() shuts down the default pool its toThread calls made (AL-29)', async () => {
    let pool: ThreadPoolExecutor | undefined
    const value = await run(async () => {
      const result = await toThread((x: number) => x * 3, 5)
      pool = getRunningLoop().getDefaultExecutor() as ThreadPoolExecutor
      return result
    })
    expect(value).toBe(15)
    expect(() => pool?.submit(() => 1)).toThrow('cannot schedule new futures after shutdown')
  })
})
