import { CancelledError, currentTask, EventLoop, sleep, TimeoutError } from '@futures/aio'
import { describe, expect, it } from 'vitest'
import { isConcurrentFuture, runCoroutineThreadsafe } from '../src/index.js'
import { captureHandler, makeLoop, runOnce, seenAsDone, stateOf, track, until } from './helpers.js'

describe('runCoroutineThreadsafe (test_tasks.RunCoroutineThreadsafeTests)', () => {
  it('BR-11 returns a concurrent Future at once; the coroutine runs as a task on the loop', async () => {
    const loop = makeLoop()
    const running = loop.runForever()
    const future = runCoroutineThreadsafe(async () => {
      await sleep(1)
      return 3
    }, loop)
    expect(isConcurrentFuture(future)).toBe(true)
    await expect(future.result(10_000)).resolves.toBe(3)
    loop.stop()
    await running
  })

  it('BR-11 takes a generator coroutine too', async () => {
    const loop = makeLoop()
    const running = loop.runForever()
    const future = runCoroutineThreadsafe(function* () {
      const v: number = yield* sleep(1, 20)
      return v + 1
    }, loop)
    await expect(future.result(10_000)).resolves.toBe(21)
    loop.stop()
    await running
  })

  it('BR-12 the exception the coroutine throws comes through', async () => {
    const loop = makeLoop()
    const running = loop.runForever()
    const error = new RangeError('from coroutine')
    const future = runCoroutineThreadsafe(async () => {
      await sleep(0)
      throw error
    }, loop)
    await expect(future.exception(10_000)).resolves.toBe(error)
    loop.stop()
    await running
  })

  it('BR-12 a loop that cannot create the task: the future fails with that error, and the exception handler gets it', async () => {
    const error = new Error('task factory failed')
    class FailingLoop extends EventLoop {
      override createTask(): never {
        throw error
      }
    }
    const loop = track(new FailingLoop())
    const seen = captureHandler(loop)
    const future = runCoroutineThreadsafe(async () => 1, loop)
    await runOnce(loop)
    expect(future.exceptionNow()).toBe(error)
    expect(seen.map((c) => c.exception)).toEqual([error])
  })

  it('BR-13 the concurrent future stays PENDING while the coroutine runs; result(timeout) times out; cancel() returns true and cancels the task', async () => {
    const loop = makeLoop()
    const running = loop.runForever()
    let cancelledInside = false
    const future = runCoroutineThreadsafe(async () => {
      try {
        await sleep(60_000)
      } catch (error) {
        cancelledInside = error instanceof CancelledError
        throw error
      }
    }, loop)
    await expect(future.result(20)).rejects.toBeInstanceOf(TimeoutError)
    expect(stateOf(future)).toBe('pending')
    expect(future.running()).toBe(false)
    expect(future.cancel()).toBe(true)
    await until(() => cancelledInside)
    loop.stop()
    await running
    expect(cancelledInside).toBe(true)
  })

  it('BR-14 a task cancelled inside the loop cancels the concurrent future', async () => {
    const loop = makeLoop()
    const running = loop.runForever()
    const future = runCoroutineThreadsafe(async () => {
      const task = currentTask()
      loop.callSoon(() => task?.cancel())
      await sleep(60_000)
    }, loop)
    await expect(future.result(10_000)).rejects.toBeInstanceOf(CancelledError)
    expect(future.cancelled()).toBe(true)
    expect(await seenAsDone(future)).toBe(true)
    loop.stop()
    await running
  })

  it.each([
    ['a number', 42],
    ['an aio future', 'future'],
    ['a promise', Promise.resolve(1)],
    ['an async generator function', async function* () {}],
  ])('BR-15 refuses %s with TypeError("A coroutine object is required")', (_label, value) => {
    const loop = makeLoop()
    const coro = value === 'future' ? loop.createFuture() : value
    expect(() => runCoroutineThreadsafe(coro as never, loop)).toThrow(
      new TypeError('A coroutine object is required'),
    )
  })

  it('BR-15 refuses something that is not a loop', () => {
    expect(() => runCoroutineThreadsafe(async () => 1, {} as never)).toThrow(TypeError)
  })

  it('BR-16 cancelled before the loop picked it up: cancel() returns true, the first step still runs', async () => {
    const loop = makeLoop()
    const body: string[] = []
    const future = runCoroutineThreadsafe(async () => {
      body.push('body ran')
    }, loop)
    expect(stateOf(future)).toBe('pending')
    expect(future.cancel()).toBe(true)
    expect(stateOf(future)).toBe('cancelled')
    await runOnce(loop)
    await runOnce(loop)
    await runOnce(loop)
    expect(body).toEqual(['body ran'])
    expect(future.cancelled()).toBe(true)
  })
})
