import { CancelledError } from '@futures/aio'
import { Future as ConcurrentFuture } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { chainFuture } from '../src/index.js'
import { makeLoop, runOnce, seenAsDone, stateOf } from './helpers.js'

describe('chainFuture (test_futures.BaseFutureTests.test_copy_state)', () => {
  it('BR-09 aio source → concurrent destination: the result is copied one iteration later', async () => {
    const loop = makeLoop()
    const src = loop.createFuture<string>()
    const dst = new ConcurrentFuture<string>()
    chainFuture(src, dst)
    src.setResult('v')
    expect(stateOf(dst)).toBe('pending')
    await runOnce(loop)
    expect(stateOf(dst)).toBe('finished')
    expect(dst.resultNow()).toBe('v')
  })

  it('BR-09 aio source → concurrent destination: an exception is copied, the very value', async () => {
    const loop = makeLoop()
    const src = loop.createFuture<string>()
    const dst = new ConcurrentFuture<string>()
    chainFuture(src, dst)
    const error = new Error('boom')
    src.setException(error)
    await runOnce(loop)
    expect(dst.exceptionNow()).toBe(error)
  })

  it('BR-09 cancelling the concurrent destination cancels the aio source one iteration later', async () => {
    const loop = makeLoop()
    const src = loop.createFuture<string>()
    const dst = new ConcurrentFuture<string>()
    chainFuture(src, dst)
    expect(dst.cancel()).toBe(true)
    expect(src.cancelled()).toBe(false)
    await runOnce(loop)
    expect(src.cancelled()).toBe(true)
  })

  it('BR-09 a cancelled aio source leaves the concurrent destination CANCELLED_AND_NOTIFIED', async () => {
    const loop = makeLoop()
    const src = loop.createFuture<string>()
    const dst = new ConcurrentFuture<string>()
    chainFuture(src, dst)
    src.cancel()
    await runOnce(loop)
    expect(dst.cancelled()).toBe(true)
    expect(await seenAsDone(dst)).toBe(true)
    await expect(dst.result()).rejects.toBeInstanceOf(CancelledError)
  })

  it('BR-09 aio → aio on one loop: the copy goes through done callbacks; cancelling the destination cancels the source', async () => {
    const loop = makeLoop()
    const src = loop.createFuture<number>()
    const dst = loop.createFuture<number>()
    chainFuture(src, dst)
    src.setResult(1)
    await runOnce(loop)
    expect(dst.result()).toBe(1)

    const src2 = loop.createFuture<number>()
    const dst2 = loop.createFuture<number>()
    chainFuture(src2, dst2)
    dst2.cancel()
    await runOnce(loop)
    expect(src2.cancelled()).toBe(true)
  })

  it('BR-09 aio → aio across two loops: the copy runs on the destination loop, the cancel on the source loop', async () => {
    const a = makeLoop()
    const b = makeLoop()
    const src = a.createFuture<number>()
    const dst = b.createFuture<number>()
    chainFuture(src, dst)
    src.setResult(7)
    await runOnce(a)
    expect(dst.done()).toBe(false)
    await runOnce(b)
    expect(dst.result()).toBe(7)

    const src2 = a.createFuture<number>()
    const dst2 = b.createFuture<number>()
    chainFuture(src2, dst2)
    dst2.cancel()
    await runOnce(b)
    expect(src2.cancelled()).toBe(false)
    await runOnce(a)
    expect(src2.cancelled()).toBe(true)
  })

  it('BR-09 concurrent → concurrent: the copy is synchronous, cancellation goes back', () => {
    const src = new ConcurrentFuture<number>()
    const dst = new ConcurrentFuture<number>()
    chainFuture(src, dst)
    src.setResult(3)
    expect(dst.resultNow()).toBe(3)

    const src2 = new ConcurrentFuture<number>()
    const dst2 = new ConcurrentFuture<number>()
    chainFuture(src2, dst2)
    dst2.cancel()
    expect(src2.cancelled()).toBe(true)
    expect(dst2.cancelled()).toBe(true)
  })

  it('BR-09 concurrent → aio: a failure with an undefined value stays a failure', async () => {
    const loop = makeLoop()
    const src = new ConcurrentFuture<number>()
    const dst = loop.createFuture<number>()
    chainFuture(src, dst)
    src.setException(undefined)
    await runOnce(loop)
    expect(dst.done()).toBe(true)
    expect(dst.cancelled()).toBe(false)
    let caught: unknown = 'nothing thrown'
    try {
      dst.result()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeUndefined()
  })

  it('BR-10 refuses a non-future source or destination with a TypeError naming the argument', () => {
    const loop = makeLoop()
    const f = loop.createFuture()
    expect(() => chainFuture(1 as never, f)).toThrow(
      new TypeError('A future is required for source argument'),
    )
    expect(() => chainFuture(f, 1 as never)).toThrow(
      new TypeError('A future is required for destination argument'),
    )
    expect(() => chainFuture(Promise.resolve(1) as never, new ConcurrentFuture())).toThrow(
      /source argument/,
    )
  })
})
