import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, Future, wait } from '../src/index.js'
import { futureIn, RESULT, restoreLogger, type StateCase, spyLogger } from './support.js'

afterEach(() => {
  restoreLogger()
})

function predicates(f: Future<unknown>) {
  return { running: f.running(), cancelled: f.cancelled(), done: f.done() }
}

describe('Future.cancel (FutureTests.test_cancel, test_done_callback_with_cancel)', () => {
  it('CF-03 cancels a PENDING future; callbacks run before cancel() returns', () => {
    const f = new Future<number>()
    const seen: unknown[] = []
    f.addDoneCallback((g) => seen.push(['callback', g.cancelled(), g.done(), g.running()]))
    expect(f.cancel()).toBe(true)
    seen.push('cancel returned')
    expect(seen).toEqual([['callback', true, true, false], 'cancel returned'])
    expect(predicates(f)).toEqual({ running: false, cancelled: true, done: true })
  })

  it('CF-03 cancel() with no callbacks still moves PENDING to CANCELLED', async () => {
    const f = new Future<number>()
    expect(f.cancel()).toBe(true)
    expect(predicates(f)).toEqual({ running: false, cancelled: true, done: true })
    await expect(f.result()).rejects.toBeInstanceOf(CancelledError)
  })

  const notCancellable: { state: StateCase }[] = [
    { state: 'RUNNING' },
    { state: 'FINISHED (result)' },
    { state: 'FINISHED (exception)' },
  ]

  it.each(notCancellable)(
    'CF-04 cancel() on $state returns false; state unchanged, no callback runs',
    ({ state }) => {
      const f = futureIn(state)
      const callback = vi.fn()
      if (state === 'RUNNING') f.addDoneCallback(callback)
      const before = { ...predicates(f), text: f.toString() }
      expect(f.cancel()).toBe(false)
      expect({ ...predicates(f), text: f.toString() }).toEqual(before)
      expect(callback).not.toHaveBeenCalled()
    },
  )

  it('CF-04 a RUNNING future refused cancel() and still completes with its value', async () => {
    const f = futureIn('RUNNING')
    expect(f.cancel()).toBe(false)
    f.setResult(5)
    await expect(f.result()).resolves.toBe(5)
  })

  it('CF-04 a FINISHED future keeps its value and exception after cancel()', async () => {
    const ok = futureIn('FINISHED (result)')
    const error = new Error('kept')
    const failed = futureIn('FINISHED (exception)', error)
    expect(ok.cancel()).toBe(false)
    expect(failed.cancel()).toBe(false)
    await expect(ok.result()).resolves.toBe(RESULT)
    await expect(failed.result()).rejects.toBe(error)
  })

  it('CF-05 cancel() again on CANCELLED returns true, stays CANCELLED, callbacks do not run again', () => {
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    expect(f.cancel()).toBe(true)
    expect(f.cancel()).toBe(true)
    expect(f.cancel()).toBe(true)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(predicates(f)).toEqual({ running: false, cancelled: true, done: true })
    // Still CANCELLED (not yet notified): the executor's notification is accepted.
    expect(f.setRunningOrNotifyCancel()).toBe(false)
  })

  it('CF-05 cancel() on CANCELLED_AND_NOTIFIED returns true and does not drop back to CANCELLED', () => {
    const logger = spyLogger()
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    f.cancel()
    f.setRunningOrNotifyCancel()
    expect(f.cancel()).toBe(true)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(predicates(f)).toEqual({ running: false, cancelled: true, done: true })
    // Had it dropped back to CANCELLED, this would return false instead of throwing.
    expect(() => f.setRunningOrNotifyCancel()).toThrow('Future in unexpected state')
    expect(logger.critical).toHaveBeenCalledTimes(1)
  })

  it('CF-20 the callbacks run at cancel() get the future, in the order they were added', () => {
    const f = new Future<number>()
    const calls: unknown[] = []
    f.addDoneCallback((...args) => calls.push(['first', args.length, args[0] === f, f.cancelled()]))
    f.addDoneCallback((g) => calls.push(['second', g === f]))
    f.addDoneCallback((g) => calls.push(['third', g === f]))
    f.cancel()
    expect(calls).toEqual([
      ['first', 1, true, true],
      ['second', true],
      ['third', true],
    ])
  })
})

describe('Future.cancel and wait() (no CPython test)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('CF-33 cancel() wakes a result() reader but not wait(), which runs to its timeout', async () => {
    const f = new Future<number>()
    const reader = f.result()
    const waiting = wait([f], { timeout: 300 })
    const waitSettled = vi.fn()
    waiting.then(waitSettled, waitSettled)

    await vi.advanceTimersByTimeAsync(50)
    f.cancel()
    await expect(reader).rejects.toBeInstanceOf(CancelledError)

    await vi.advanceTimersByTimeAsync(249)
    expect(waitSettled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    const { done, notDone } = await waiting
    expect(done.size).toBe(0)
    expect([...notDone]).toEqual([f])
  })

  it('CF-33 a wait() with no timeout is woken only by setRunningOrNotifyCancel()', async () => {
    const f = new Future<number>()
    const waiting = wait([f])
    const waitSettled = vi.fn()
    waiting.then(waitSettled, waitSettled)
    f.cancel()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(waitSettled).not.toHaveBeenCalled()
    f.setRunningOrNotifyCancel()
    const { done } = await waiting
    expect([...done]).toEqual([f])
  })
})
